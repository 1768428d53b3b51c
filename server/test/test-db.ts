/** Where server tests find PostgreSQL: TEST_DATABASE_URL, else the local trust-auth server. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tournee_test';
