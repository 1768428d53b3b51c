/**
 * Web Worker entry for browsers: the same protocol as the Node worker (`worker.ts`). Cancellation
 * uses the shared stop flag when the page is cross-origin isolated (SharedArrayBuffer available);
 * otherwise the host terminates the worker.
 */
import type { Encoded } from './encode.ts';
import { runEngine } from './engine.ts';
import { mailboxExchange } from './mailbox.ts';

interface WorkerScope {
  onmessage:
    | ((e: {
        data: {
          type: string;
          id: number;
          enc: Encoded;
          stop?: Int32Array;
          mailbox?: SharedArrayBuffer;
          index?: number;
        };
      }) => void)
    | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let compiled: Promise<WebAssembly.Module> | undefined;

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type !== 'solve') return;
  compiled ??= fetch(new URL('./solver.wasm', import.meta.url))
    .then((r) => r.arrayBuffer())
    .then((b) => WebAssembly.compile(b));
  compiled.then(
    (module) => {
      let last = 0;
      let pending: number[] | undefined;
      const flush = () => {
        if (pending) scope.postMessage({ type: 'progress', id: msg.id, p: pending });
        pending = undefined;
      };
      try {
        const out = runEngine(
          msg.enc,
          {
            progress: (c, r, u, ms) => {
              pending = [c, r, u, ms];
              if (performance.now() - last >= 50) {
                last = performance.now();
                flush();
              }
            },
            shouldStop: () => (msg.stop ? Atomics.load(msg.stop, 0) !== 0 : false),
            exchange: msg.mailbox ? mailboxExchange(msg.mailbox, msg.index ?? 0) : undefined,
          },
          module,
        );
        flush();
        scope.postMessage({ type: 'done', id: msg.id, out }, [out.buffer as ArrayBuffer]);
      } catch (err) {
        scope.postMessage({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
      }
    },
    (err: unknown) =>
      scope.postMessage({ type: 'error', id: msg.id, message: `cannot load solver.wasm: ${String(err)}` }),
  );
};
