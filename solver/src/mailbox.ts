/**
 * The mailbox through which the parallel searches of one `solve` exchange their best solution
 * (assembly/exchange.ts), round after round. One SharedArrayBuffer: a header [workers, len], the
 * last round each search published, then two banks (odd and even rounds) of a cost and a packed
 * solution (`len` i32, assembly/state.ts packBest) per search.
 *
 * Why two banks are enough: a search publishes round k + 1 only once every search has published
 * round k, and each of them has read round k − 1 (in the other bank) before publishing k. So no
 * slot is written while someone reads it, and a slot is read only after its flag is up.
 */

export interface SolutionExchange {
  /** Hands over this search's best for `round`: its cost and its packed solution. */
  publish(round: number, cost: number, solution: Int32Array): void;
  /** −1 while another search has not published `round`; 0 when ours is its best; 1 after copying a better one into `into`. */
  adopt(round: number, into: Int32Array): number;
}

const HEADER_BYTES = 8;

function layout(workers: number, len: number) {
  const rounds = HEADER_BYTES;
  const costs = rounds + 8 * Math.ceil(workers / 2); // 8-byte aligned for the Float64Array
  const data = costs + 8 * 2 * workers;
  return { rounds, costs, data, bytes: data + 4 * 2 * workers * len };
}

/** A mailbox for `workers` searches of a problem of these counts (its packed solutions: 1 + vehicles + tasks i32). */
export function createMailbox(workers: number, counts: { vehicles: number; tasks: number }): SharedArrayBuffer {
  const len = 1 + counts.vehicles + counts.tasks;
  const sab = new SharedArrayBuffer(layout(workers, len).bytes);
  const header = new Int32Array(sab, 0, 2);
  header[0] = workers;
  header[1] = len;
  return sab;
}

/** Search `index`'s side of the mailbox. */
export function mailboxExchange(sab: SharedArrayBuffer, index: number): SolutionExchange {
  const [workers = 0, len = 0] = new Int32Array(sab, 0, 2);
  const at = layout(workers, len);
  const published = new Int32Array(sab, at.rounds, workers);
  const costs = new Float64Array(sab, at.costs, 2 * workers);
  const slot = (bank: number, i: number) => bank * workers + i;
  const solution = (bank: number, i: number) => new Int32Array(sab, at.data + 4 * slot(bank, i) * len, len);
  return {
    publish(round, cost, sol) {
      if (sol.length !== len) return; // not this problem's shape: the others wait for nothing
      const bank = round & 1;
      solution(bank, index).set(sol);
      costs[slot(bank, index)] = cost;
      Atomics.store(published, index, round);
    },
    adopt(round, into) {
      const bank = round & 1;
      let best = -1;
      for (let i = 0; i < workers; i++) {
        if (Atomics.load(published, i) < round) return -1;
        if (best < 0 || (costs[slot(bank, i)] ?? Infinity) < (costs[slot(bank, best)] ?? Infinity)) best = i;
      }
      if (best === index || into.length !== len) return 0;
      into.set(solution(bank, best));
      return 1;
    },
  };
}
