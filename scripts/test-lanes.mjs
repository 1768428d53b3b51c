/**
 * The last stage of `pnpm test`: the end-to-end package (the longest, one file at a time) in one
 * lane, and the server's then the solver's tests in the other, so that the solver's two minutes
 * run beside the end-to-end tests instead of before them (a 2-core CI run took 1,200 s with the
 * solver in the sequential stage). Each line is prefixed with its package, as `pnpm -r` does; the
 * exit code is non-zero when any package failed.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const lanes = [['@tournee/test'], ['@tournee/server', '@tournee/solver']];

/** Runs one package's `test` script, its output prefixed; resolves to its exit code. */
function testPackage(name) {
  const prefix = `${name.replace('@tournee/', '')} test: `;
  const child = spawn('pnpm', ['--filter', name, 'test'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: from }).on('line', (line) => to.write(`${prefix}${line}\n`));
  }
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** A lane stops at its first failing package, as `pnpm -r` does. */
async function runLane(names) {
  for (const name of names) {
    const code = await testPackage(name);
    if (code !== 0) return code;
  }
  return 0;
}

const codes = await Promise.all(lanes.map(runLane));
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
