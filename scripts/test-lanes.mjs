/**
 * The last stage of `pnpm test`, in two lanes side by side: most end-to-end files (one at a time)
 * in one; the server's tests, the solver's, then the end-to-end files listed below in the other.
 * The end-to-end package alone took 850–1,100 s of a 2-core CI run and the other lane about 450 s,
 * so the files below bring the lanes' ends together. Each lane's end-to-end files get their own
 * E2E_LANE (their own migrated template; the files' databases and Redis slots are already their
 * own). Each line is prefixed with its package, as `pnpm -r` does; the exit code is non-zero when
 * any package failed.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

// Fault tests without a browser (so not timing-sensitive), the longest of the package: 124 of its
// 531 s of tests on a quiet machine (2026-12-05).
const SECOND_LANE_E2E = [
  'fault/ops-backup.test.ts',
  'fault/postgres-outage.test.ts',
  'fault/plan-owner.test.ts',
  'fault/http-auth.test.ts',
  'fault/import-bomb.test.ts',
];

const lanes = [
  [{ name: '@tournee/test', args: SECOND_LANE_E2E.flatMap((f) => ['--exclude', f]), env: { E2E_LANE: 'a' } }],
  [
    { name: '@tournee/server' },
    { name: '@tournee/solver' },
    { name: '@tournee/test', label: 'test (lane b)', args: SECOND_LANE_E2E, env: { E2E_LANE: 'b' } },
  ],
];

// CI keeps only the tail of the output, and a failure in one lane scrolls away under the other's
// lines: vitest's failure lines (`×` for a test, `FAIL` for its file) are repeated at the end.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const FAILURE_LINE = /^\s*(×|FAIL\s)/;
const failures = [];

/** Runs one package's tests (`vitest run` with `args`), its output prefixed; resolves to its exit code. */
function testPackage({ name, label, args = [], env = {} }) {
  const prefix = `${label ?? name.replace('@tournee/', '')} test: `;
  const command = args.length > 0 ? ['exec', 'vitest', 'run', ...args] : ['test'];
  const child = spawn('pnpm', ['--filter', name, ...command], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: from }).on('line', (line) => {
      to.write(`${prefix}${line}\n`);
      const plain = line.replace(ANSI, '');
      if (FAILURE_LINE.test(plain)) failures.push(`${prefix}${plain.trim()}`);
    });
  }
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** A lane runs all its packages, even after one fails, so that every failure is reported. */
async function runLane(runs) {
  let worst = 0;
  for (const run of runs) worst = Math.max(worst, await testPackage(run));
  return worst;
}

const codes = await Promise.all(lanes.map(runLane));
if (failures.length > 0) process.stdout.write(`\nFailed (repeated from above):\n${failures.join('\n')}\n`);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
