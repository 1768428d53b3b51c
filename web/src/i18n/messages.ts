/** The UI text catalogues, one file per language (English is the reference for the keys). */
export { en, type MessageKey } from './messages-en.ts';
export { fr } from './messages-fr.ts';
