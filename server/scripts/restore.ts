/** `pnpm restore FILE [--force]`: see src/backup/cli.ts. */
import { restoreCommand } from '../src/backup/cli.ts';

const code = await restoreCommand(process.argv.slice(2), process.env, {
  info: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
});
// PGlite's WebAssembly runtime may hold the event loop open after close.
process.exit(code);
