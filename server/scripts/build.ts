/**
 * `pnpm build`: the server's entry points as compiled bundles (see bundle.ts), with the import's
 * row thread beside them: the compiled server checks an import's rows in it only when it finds
 * its bundle there (row-thread.ts), so without it `pnpm start` checked every row on the main thread.
 */
import { ROW_WORKER_BUNDLE, ROW_WORKER_SOURCE } from '../src/orders/import/row-thread.ts';
import { bundle } from './bundle.ts';

await bundle({
  main: 'src/main.ts',
  'worker-main': 'src/jobs/worker-main.ts',
  [ROW_WORKER_BUNDLE]: ROW_WORKER_SOURCE,
});
