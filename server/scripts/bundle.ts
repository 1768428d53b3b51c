/**
 * Bundles server entry points for `pnpm start`: one ESM file per entry in dist/, our code (and
 * @tournee/shared's TypeScript) compiled in, npm packages left in node_modules. Running compiled
 * JS rather than through tsx saves about 60 MB of resident memory and the transpile at start.
 *
 * Every bundle sits directly in dist/, one level below the package root like the modules of
 * src/, so paths.ts finds the package root the same way from source and from a bundle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { SERVER_ROOT } from '../src/paths.ts';

export const DIST = join(SERVER_ROOT, 'dist');

/** npm packages stay external; workspace packages shipping TypeScript source are compiled in. */
function externals(): string[] {
  const pkg = JSON.parse(readFileSync(join(SERVER_ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return Object.keys(pkg.dependencies)
    .filter((name) => name !== '@tournee/shared')
    .flatMap((name) => [name, `${name}/*`]);
}

/** Bundles each `{ name: sourcePath }` (relative to the server package) to dist/<name>.js. */
export async function bundle(entries: Record<string, string>): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, src]) => [name, join(SERVER_ROOT, src)])),
    outdir: DIST,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: externals(),
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
