/**
 * Worker-thread entry: runs one search per message. Messages in: `{ type: "solve", id, enc, stop,
 * mailbox?, index? }` where `stop` is an Int32Array on a SharedArrayBuffer that the host sets to 1
 * to cancel (the search polls it, since a busy WASM loop never sees thread messages), and
 * `mailbox` the parallel searches' shared mailbox (mailbox.ts), this one's slot `index`. Messages out: `started`
 * (the host's hard deadline counts from it), `progress`
 * (throttled to one per 50 ms, the last one always sent), `done` with the raw output, `error`.
 */
import { parentPort } from 'node:worker_threads';
import type { Encoded } from './encode.ts';
import { runEngine } from './engine.ts';
import { mailboxExchange } from './mailbox.ts';
import { engineModule } from './wasm-node.ts';

interface SolveMessage {
  type: 'solve';
  id: number;
  enc: Encoded;
  stop: Int32Array;
  mailbox?: SharedArrayBuffer;
  index?: number;
}

const port = parentPort;
if (port) {
  port.on('message', (msg: SolveMessage) => {
    if (msg.type !== 'solve') return;
    let last = 0;
    let pending: [number, number, number, number] | undefined;
    const flush = () => {
      if (pending) port.postMessage({ type: 'progress', id: msg.id, p: pending });
      pending = undefined;
    };
    port.postMessage({ type: 'started', id: msg.id });
    try {
      const out = runEngine(
        msg.enc,
        {
          progress: (c, r, u, ms) => {
            pending = [c, r, u, ms];
            const now = performance.now();
            if (now - last >= 50) {
              last = now;
              flush();
            }
          },
          shouldStop: () => Atomics.load(msg.stop, 0) !== 0,
          exchange: msg.mailbox ? mailboxExchange(msg.mailbox, msg.index ?? 0) : undefined,
        },
        engineModule(),
      );
      flush();
      port.postMessage({ type: 'done', id: msg.id, out }, [out.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ type: 'error', id: msg.id, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
