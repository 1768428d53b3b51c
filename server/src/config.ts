import { z } from 'zod';
import { judgePassword } from './security/password-policy.ts';

/** Treats empty strings as unset, so `FOO=` in a .env file means "use the default". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** OpenFreeMap's public style: no key; tiles, sprites and glyphs all on tiles.openfreemap.org. */
export const DEFAULT_MAP_STYLE_URL = 'https://tiles.openfreemap.org/styles/liberty';

const ConfigSchema = z.object({
  PORT: optional(z.coerce.number().int().min(0).max(65535)).default(3000),
  HOST: optional(z.string()).default('0.0.0.0'),
  DATA_DIR: optional(z.string()).default('./data'),
  DATABASE_URL: optional(z.string().url()),
  REDIS_URL: optional(z.string().url()),
  ADMIN_EMAIL: optional(z.string().email()),
  // The first admin's password: refused at start when weak (12 characters, zxcvbn score ≥ 3).
  ADMIN_PASSWORD: optional(
    z.string().superRefine((v, ctx) => {
      const verdict = judgePassword(v);
      if (!verdict.ok) ctx.addIssue({ code: 'custom', message: `too weak: ${verdict.reason}` });
    }),
  ),
  SEED_DEMO: optional(bool).default(true),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
  SESSION_TTL_HOURS: optional(z.coerce.number().positive()).default(24 * 7),
  COOKIE_SECURE: optional(bool).default(false),
  /**
   * Vector tile style for the dispatcher's map: OpenFreeMap's keyless public style by default;
   * `offline` or `none` → the built-in offline style (the browser also falls back when it cannot load).
   */
  MAP_STYLE_URL: optional(z.union([z.enum(['offline', 'none']), z.string().url()]))
    .default(DEFAULT_MAP_STYLE_URL)
    .transform((v) => (v === 'offline' || v === 'none' ? undefined : v)),
  GEOCODER_URL: optional(z.string().url()),
  GEOCODER_RATE_PER_S: optional(z.coerce.number().positive()).default(1),
  GEOCODER_USER_AGENT: optional(z.string()).default('Tournee/0.1 (self-hosted route planner)'),
  GEOCODER_TIMEOUT_MS: optional(z.coerce.number().int().positive()).default(10_000),
  LOGIN_MAX_FAILURES_PER_MINUTE: optional(z.coerce.number().int().positive()).default(5),
  // Planning: the coordinate travel model, the solver budget and how many plans run at once.
  TRAVEL_SPEED_KMH: optional(z.coerce.number().positive().max(200)).default(30),
  TRAVEL_CIRCUITY: optional(z.coerce.number().min(1).max(5)).default(1.3),
  PLAN_TIME_LIMIT_S: optional(z.coerce.number().positive().max(900)).default(30),
  PLAN_CONCURRENCY: optional(z.coerce.number().int().positive()),
  PLAN_SOLVER_WORKERS: optional(z.coerce.number().int().positive()),
  OSRM_URL: optional(z.string().url()),
  // With REDIS_URL: the BullMQ queue's name, and whether this server also solves (else only `pnpm worker` does).
  PLAN_QUEUE_NAME: optional(z.string().regex(/^[\w-]+$/, 'letters, digits, - and _ only')).default('tournee-plans'),
  PLAN_WORKER_IN_SERVER: optional(bool).default(true),
  // Driver app and tracking: the public address put in drivers' sign-in links (else the request's
  // own), how long a link/code lasts, the code sign-in rate limit, the position filter and retention.
  PUBLIC_URL: optional(z.string().url()),
  DRIVER_ACCESS_TTL_HOURS: optional(z.coerce.number().positive().max(2160)).default(168),
  DRIVER_CODE_MAX_FAILURES_PER_MINUTE: optional(z.coerce.number().int().positive()).default(10),
  POSITION_MAX_ACCURACY_M: optional(z.coerce.number().positive()).default(100),
  POSITION_MAX_SPEED_KMH: optional(z.coerce.number().positive()).default(200),
  POSITION_RETENTION_DAYS: optional(z.coerce.number().int().positive()).default(90),
  // Customer notifications: `log` stores messages for the dispatcher to read (the demo); `live` sends
  // SMS through Twilio and email through SMTP when they are configured.
  NOTIFY_PROVIDER: optional(z.enum(['log', 'live'])).default('log'),
  TWILIO_ACCOUNT_SID: optional(z.string().regex(/^AC\w+$/, 'must start with AC')),
  TWILIO_AUTH_TOKEN: optional(z.string()),
  TWILIO_FROM: optional(z.string()),
  TWILIO_MESSAGING_SERVICE_SID: optional(z.string()),
  TWILIO_API_BASE_URL: optional(z.string().url()),
  SMTP_URL: optional(z.string().url()),
  MAIL_FROM: optional(z.string()).default('Tournée <no-reply@tournee.local>'),
  NOTIFY_POLL_MS: optional(z.coerce.number().int().positive()).default(2000),
  NOTIFY_MAX_ATTEMPTS: optional(z.coerce.number().int().positive()).default(8),
  NOTIFY_BACKOFF_MS: optional(z.coerce.number().int().positive()).default(30_000),
  // How long a claimed outbox row is held (kept alive while its send is in flight).
  NOTIFY_LEASE_MS: optional(z.coerce.number().int().min(300)).default(60_000),
  ETA_THROTTLE_MS: optional(z.coerce.number().int().min(0)).default(15_000),
  // Per order: at most one "ETA moved" message this often (minutes; later moves are coalesced into
  // the next one), and no "you are next" within this many minutes of "started" for the same stop.
  NOTIFY_ETA_MOVED_MIN_INTERVAL_MIN: optional(z.coerce.number().int().min(0)).default(20),
  NOTIFY_NEXT_AFTER_STARTED_MIN: optional(z.coerce.number().int().min(0)).default(10),
  TRACK_LINK_MAX_FAILURES_PER_MINUTE: optional(z.coerce.number().int().positive()).default(30),
  // A tracking link expires this many days after it was sent at the latest (delivered: a day after).
  TRACK_LINK_MAX_DAYS: optional(z.coerce.number().positive().max(3650)).default(60),
  // Hardening. Imports: the largest upload (413 past it), the largest expanded size of one XLSX zip
  // entry, and the shared-string table's count and total characters (422 past them), all checked
  // while reading so memory never grows to the bomb's size; rejected rows kept this many days, at most
  // this many per import.
  IMPORT_MAX_BYTES: optional(z.coerce.number().int().positive()).default(50 * 1024 * 1024),
  IMPORT_MAX_ENTRY_BYTES: optional(z.coerce.number().int().positive()).default(256 * 1024 * 1024),
  IMPORT_MAX_SHARED_STRINGS: optional(z.coerce.number().int().positive()).default(2_000_000),
  IMPORT_MAX_SHARED_STRING_CHARS: optional(z.coerce.number().int().positive()).default(64 * 1024 * 1024),
  IMPORT_REJECTIONS_RETENTION_DAYS: optional(z.coerce.number().int().positive()).default(30),
  IMPORT_REJECTIONS_MAX_ROWS: optional(z.coerce.number().int().positive()).default(10_000),
  // Imported rows farther than this (straight line) from every depot are warned about (still imported).
  IMPORT_MAX_DEPOT_DISTANCE_KM: optional(z.coerce.number().positive()).default(150),
  /**
   * Which peers' X-Forwarded-For is believed (Express "trust proxy"): unset = none, so clients
   * cannot pick their own address for rate limits; a hop count (`1`), or a comma-separated list of
   * addresses, subnets or Express names (`loopback, 10.0.0.0/8`).
   */
  TRUST_PROXY: optional(z.string()),
  // Integrations (server/src/api-keys, webhooks): requests per API key and minute; webhook URLs
  // resolving to loopback/private addresses allowed (tests, on-premises); the sender's poll, its
  // first retry delay (doubling up to 6 h), a POST's time limit, and the days of failures after
  // which a subscription is turned off.
  API_KEY_RATE_PER_MINUTE: optional(z.coerce.number().int().positive()).default(600),
  WEBHOOK_ALLOW_PRIVATE: optional(bool).default(false),
  WEBHOOK_POLL_MS: optional(z.coerce.number().int().positive()).default(1000),
  WEBHOOK_BACKOFF_MS: optional(z.coerce.number().int().positive()).default(10_000),
  WEBHOOK_TIMEOUT_MS: optional(z.coerce.number().int().positive()).default(10_000),
  WEBHOOK_DISABLE_AFTER_DAYS: optional(z.coerce.number().positive()).default(3),
  // Scheduled planning and recurring orders (server/src/schedules): the loop on or off, how often
  // it looks at the schedules; TEST_CLOCK_FILE is for tests only (the time is read from that file).
  SCHEDULER_ENABLED: optional(bool).default(true),
  SCHEDULER_TICK_MS: optional(z.coerce.number().int().min(50)).default(30_000),
  TEST_CLOCK_FILE: optional(z.string()),
  // Single sign-on (server/src/security/oidc*.ts): an OpenID Provider's issuer URL and this
  // server's client there (Authorization Code + PKCE); the claim naming the user's role
  // (admin, dispatcher or viewer), and the name on the sign-in button.
  OIDC_ISSUER: optional(z.string().url()),
  OIDC_CLIENT_ID: optional(z.string()),
  OIDC_CLIENT_SECRET: optional(z.string()),
  OIDC_ROLE_CLAIM: optional(z.string()),
  OIDC_NAME: optional(z.string()).default('SSO'),
  /** Bearer token that unlocks `GET /api/metrics` (Prometheus text); unset = no metrics endpoint. */
  METRICS_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
});

export type Config = z.infer<typeof ConfigSchema>;

/**
 * Parses the environment once. Fails fast with every bad variable named, so a typo in
 * DATABASE_URL is a clear start-up error rather than a connection failure later.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
