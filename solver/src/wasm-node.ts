/** Loads the engine shipped next to the built driver (`dist/solver.wasm`) under Node. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SolverError } from './errors.ts';

let cachedModule: WebAssembly.Module | undefined;

export function engineModule(): WebAssembly.Module {
  if (cachedModule) return cachedModule;
  const candidates = [new URL('./solver.wasm', import.meta.url), new URL('../dist/solver.wasm', import.meta.url)];
  for (const url of candidates) {
    try {
      cachedModule = new WebAssembly.Module(readFileSync(fileURLToPath(url)));
      return cachedModule;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  throw new SolverError('solver.wasm not found: run `pnpm --filter @tournee/solver build`');
}
