/** `pnpm backup [FILE] [--force]`: see src/backup/cli.ts. */
import { backupCommand } from '../src/backup/cli.ts';

const code = await backupCommand(process.argv.slice(2), process.env, {
  info: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
});
// PGlite's WebAssembly runtime may hold the event loop open after close.
process.exit(code);
