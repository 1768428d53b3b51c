/** A signed-in HTTP client of a running server, for end-to-end tests. */
export interface ApiClient {
  token: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return {
    token,
    async call(method, path, body) {
      const r = await fetch(`${baseUrl}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: r.status, body: parsed };
    },
  };
}
