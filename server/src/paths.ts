import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server package's folder. This module sits one level below it in src/, and so does every
 * bundle in dist/ that compiles it in (scripts/bundle.ts), so one '..' is right for both.
 */
export const SERVER_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository's root: the web apps' build folders are found from it. */
export const REPO_ROOT = join(SERVER_ROOT, '..');
