import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromVroom } from '../src/vroom.ts';
import { checkSolution } from './checker.ts';
import type { Solution } from '../src/types.ts';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const fixture = new URL('./fixtures/vroom-small.json', import.meta.url).pathname;

describe('solve CLI', () => {
  it('answers VROOM JSON on stdout only, with every job served or explained', () => {
    const out = execFileSync('node', [cli, '--time-limit', '0.3'], { input: readFileSync(fixture), encoding: 'utf8' });
    const json = JSON.parse(out) as {
      code: number;
      routes: { vehicle: number; steps: { type: string; id?: number; arrival: number; load: number[] }[] }[];
      unassigned: { id: number; reason: string }[];
    };
    expect(json.code).toBe(0);
    const served = json.routes.flatMap((r) =>
      r.steps.filter((s) => s.id !== undefined && s.type !== 'break').map((s) => s.id),
    );
    const left = json.unassigned.map((u) => u.id);
    const all = new Set([...served, ...left]);
    for (const id of [11, 12, 13, 14, 15, 21]) expect(all.has(id)).toBe(true);
    expect(json.unassigned).toContainEqual({ id: 15, type: 'job', location_index: 4, reason: 'capacity' });
    // Job 12 needs skill 1: only vehicle 1 has it.
    expect(json.routes.find((r) => r.steps.some((s) => s.id === 12))?.vehicle).toBe(1);
  });

  it('checks out against the independent checker through the library', async () => {
    const { solve, shutdownWorkers } = await import('../src/solve.ts');
    const problem = fromVroom(JSON.parse(readFileSync(fixture, 'utf8')));
    const sol: Solution = await solve(problem, { maxIterations: 1000, timeLimitMs: 600_000, seed: 1 });
    checkSolution(problem, sol);
    await shutdownWorkers();
  });

  it('reads a Solomon file and reports bad input on stderr with exit code 2', () => {
    const ok = spawnSync(
      'node',
      [
        cli,
        '--solomon',
        new URL('./fixtures/solomon/C101.txt', import.meta.url).pathname,
        '--time-limit',
        '0.5',
        '--objective',
        'distance',
      ],
      { encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).vehicles).toBe(10);
    const bad = spawnSync('node', [cli], { input: '{"vehicles":[{"id":1,"time_window":[10,5]}]}', encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('vehicles[0].time_window: end before start');
  });
});
