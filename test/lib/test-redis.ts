/**
 * The Redis database a test file may use alone: REDIS_URL_TEST's database index plus `slot`
 * (mod 16), so that test files running side by side never share queues, rooms or rate limits.
 * Slot 0 (REDIS_URL_TEST itself) is the server suite's, which runs beside this one.
 */
export function testRedisUrl(slot: number): string {
  const url = new URL(process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379');
  const base = Number(url.pathname.slice(1) || '0');
  url.pathname = `/${(base + slot) % 16}`;
  return url.toString();
}
