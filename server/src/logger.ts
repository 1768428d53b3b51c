import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured line per event; level from LOG_LEVEL. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'tournee' } });
}
