/** `pnpm build`: the server's entry points as compiled bundles (see bundle.ts). */
import { bundle } from './bundle.ts';

await bundle({ main: 'src/main.ts', 'worker-main': 'src/jobs/worker-main.ts' });
