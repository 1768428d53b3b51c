export {
  acceptLanguageTags,
  chooseLanguage,
  intlLocale,
  isLanguage,
  LANGUAGES,
  type Language,
  languageOf,
} from './language.ts';
export {
  formatMessage,
  type MessageFunctions,
  type MessageParams,
  type MessageValue,
  type MessageValues,
  messageFunctions,
  type PluralForms,
  selectPlural,
  translate,
} from './message.ts';
export { STOP_WORDS, type StopWords } from './stop-words.ts';
