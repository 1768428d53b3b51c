import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../src/cli-options.ts';
import { ProblemError, SolverError } from '../src/errors.ts';
import { fromVroom, toVroomError } from '../src/vroom.ts';
import { checkSolution } from './checker.ts';
import { checkVroomError } from './vroom-schema.ts';
import type { Solution } from '../src/types.ts';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const fixture = new URL('./fixtures/vroom-small.json', import.meta.url).pathname;

describe('solve CLI', () => {
  it('answers VROOM JSON on stdout only, with every job served or explained', () => {
    const out = execFileSync('node', [cli, '--max-iterations', '500', '--time-limit', '600'], {
      input: readFileSync(fixture),
      encoding: 'utf8',
    });
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

  it('reads a Solomon file (an iteration budget: the same answer under any load)', () => {
    const ok = spawnSync(
      'node',
      [
        cli,
        '--solomon',
        new URL('./fixtures/solomon/C101.txt', import.meta.url).pathname,
        '--max-iterations',
        '1000',
        '--time-limit',
        '600',
        '--objective',
        'distance',
      ],
      { encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).vehicles).toBe(10);
  });
});

describe('solve CLI errors, as VROOM reports them', () => {
  /** VROOM's CLI: `{code, error}` on stdout, `[Error] <message>` on stderr, exit status = code. */
  function failure(args: string[], input = '') {
    const r = spawnSync('node', [cli, ...args], { input, encoding: 'utf8' });
    const json = JSON.parse(r.stdout) as unknown;
    checkVroomError(json);
    return { status: r.status, json, stderr: r.stderr };
  }

  it('answers bad input with code 2 and the message naming the VROOM field', () => {
    const bad = failure([], '{"vehicles":[{"id":1,"time_window":[10,5]}]}');
    expect(bad.json).toEqual({ code: 2, error: 'vehicles[0].time_window: end before start' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('[Error] vehicles[0].time_window: end before start');
    const refused = failure([], '{"vehicles":[{"id":1,"steps":[{"type":"start"}]}],"jobs":[]}');
    expect(refused.status).toBe(2);
    expect(refused.json).toMatchObject({ code: 2, error: expect.stringMatching(/^vehicles\[0\]\.steps: /) });
    const garbled = failure([], '{"vehicles": [');
    expect(garbled.status).toBe(2);
    expect(garbled.json).toMatchObject({ code: 2, error: expect.stringMatching(/^input: not valid JSON/) });
  });

  it('answers a bad command line with code 2 naming the option', () => {
    const zero = failure(['--workers', '0'], readFileSync(fixture, 'utf8'));
    expect(zero.json).toEqual({ code: 2, error: '--workers: must be a positive number' });
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('usage: solve');
    expect(failure(['--speed', '3']).json).toEqual({ code: 2, error: '--speed: unknown option' });
    const missing = failure(['--solomon', '/nonexistent/R101.txt']);
    expect(missing.status).toBe(2);
    expect(missing.json).toMatchObject({ code: 2, error: expect.stringMatching(/^--solomon: cannot read /) });
  });

  it('maps errors to VROOM codes: input 2, internal 1', () => {
    expect(toVroomError(new ProblemError('jobs[0].id', 'must be a number or a string'))).toEqual({
      code: 2,
      error: 'jobs[0].id: must be a number or a string',
    });
    expect(toVroomError(new SolverError('solver crashed: RuntimeError: unreachable'))).toEqual({
      code: 1,
      error: 'solver crashed: RuntimeError: unreachable',
    });
    expect(toVroomError(new Error('out of memory')).code).toBe(1);
  });
});

describe('solve CLI options', () => {
  it("uses the machine's cores unless told otherwise, as the planner does", () => {
    expect(parseCliOptions([]).solve.workers).toBe(availableParallelism());
    expect(parseCliOptions([], 6).solve).toEqual({ timeLimitMs: 5000, seed: 1, workers: 6 });
    expect(parseCliOptions(['--workers', '1', '--time-limit=2.5'], 6).solve).toEqual({
      timeLimitMs: 2500,
      seed: 1,
      workers: 1,
    });
    expect(parseCliOptions(['--max-iterations', '300', '--seed', '4'], 6).solve).toEqual({
      timeLimitMs: 5000,
      seed: 4,
      workers: 6,
      maxIterations: 300,
    });
  });
});
