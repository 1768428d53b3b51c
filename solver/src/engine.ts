/**
 * Runs the WASM engine synchronously on one encoded problem (inside a Node worker thread, a Web
 * Worker, or directly in tests). No Node or DOM APIs here: the caller supplies the compiled module. A fresh instance per run: the `stub` runtime never frees, so instances are not reused.
 */
import { IN_F64_COUNT, IN_PARAMS, IN_START, IN_TASK_I, IN_TASK_SKILL, IN_VEH_I, IN_VEH_SKILL } from './abi.ts';
import { SolverError } from './errors.ts';
import type { Encoded } from './encode.ts';
import type { SolutionExchange } from './mailbox.ts';

interface Exports {
  memory: WebAssembly.Memory;
  configure(
    locs: number,
    tasks: number,
    vehicles: number,
    dims: number,
    tws: number,
    mode: number,
    profiles: number,
  ): void;
  inputPtr(id: number): number;
  solve(): number;
  outputLength(): number;
}

export interface EngineHooks {
  /**
   * The engine's clock in ms, which its time budget runs on (performance.now by default). Tests
   * pass one that advances by a fixed step per reading, so that a time-budget run does the same
   * work, and gives the same answer, on any machine.
   */
  now?: () => number;
  progress?: (cost: number, routes: number, unassigned: number, elapsedMs: number) => void;
  shouldStop?: () => boolean;
  /** The other searches of the same problem (parallel workers); absent, the search stays alone. */
  exchange?: SolutionExchange;
}

function decodeAbort(mem: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  // AssemblyScript strings: UTF-16, byte length stored 4 bytes before the data.
  const len = new Uint32Array(mem.buffer, ptr - 4, 1)[0] ?? 0;
  return String.fromCharCode(...new Uint16Array(mem.buffer, ptr, len >>> 1));
}

/** Solves `enc` and returns the raw output array (layout in assembly/index.ts). Throws on a trap. */
export function runEngine(enc: Encoded, hooks: EngineHooks, module: WebAssembly.Module): Float64Array {
  let memory: WebAssembly.Memory | undefined;
  const imports = {
    env: {
      now: hooks.now ?? (() => performance.now()),
      progress: (c: number, r: number, u: number, ms: number) => hooks.progress?.(c, r, u, ms),
      shouldStop: () => (hooks.shouldStop?.() ? 1 : 0),
      publishBest: (round: number, cost: number, ptr: number, len: number) => {
        if (memory) hooks.exchange?.publish(round, cost, new Int32Array(memory.buffer, ptr, len));
      },
      adoptBest: (round: number, ptr: number, len: number) =>
        memory && hooks.exchange ? hooks.exchange.adopt(round, new Int32Array(memory.buffer, ptr, len)) : 0,
      abort: (msg: number, file: number, line: number, col: number) => {
        const m = memory ? decodeAbort(memory, msg) : '';
        const f = memory ? decodeAbort(memory, file) : '';
        throw new SolverError(`solver aborted: ${m} at ${f}:${line}:${col}`);
      },
    },
  };
  const instance = new WebAssembly.Instance(module, imports);
  const ex = instance.exports as unknown as Exports;
  memory = ex.memory;
  const c = enc.counts;
  ex.configure(c.locs, c.tasks, c.vehicles, c.dims, c.tws, c.mode, c.profiles);
  // Pointers are stable after configure (nothing allocates until solve), but the buffer may have
  // grown, so views are taken afresh for every array.
  const write = (id: number, data: Float64Array | Int32Array | BigUint64Array) => {
    if (data.length === 0) return;
    const ptr = ex.inputPtr(id);
    const Ctor = data.constructor as typeof Float64Array | typeof Int32Array | typeof BigUint64Array;
    new Ctor(ex.memory.buffer, ptr, data.length).set(data as never);
  };
  for (let id = 0; id < IN_F64_COUNT; id++) write(id, enc.f64[id] ?? new Float64Array(0));
  write(IN_TASK_I, enc.taskI);
  write(IN_VEH_I, enc.vehI);
  write(IN_TASK_SKILL, enc.taskSkill);
  write(IN_VEH_SKILL, enc.vehSkill);
  write(IN_PARAMS, enc.params);
  if (enc.start) write(IN_START, enc.start);
  let ptr: number;
  try {
    ptr = ex.solve();
  } catch (e) {
    if (e instanceof SolverError) throw e;
    throw new SolverError(`solver crashed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, {
      cause: e,
    });
  }
  const n = ex.outputLength();
  return new Float64Array(ex.memory.buffer, ptr, n).slice();
}
