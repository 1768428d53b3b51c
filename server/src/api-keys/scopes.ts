/**
 * Which scope each API route needs when called with an API key: the first rule whose method and
 * path prefix match decides. A route no rule names is refused to keys (user management, API keys
 * themselves, settings…): a key only reaches what an integration was meant to.
 */
import type { ApiKeyScope } from '@tournee/shared';

interface ScopeRule {
  /** HTTP methods, or `*` for any. */
  methods: readonly string[] | '*';
  /** Path under /api: matches itself and anything below it (`/orders` matches `/orders/12`). */
  prefix: string;
  scope: ApiKeyScope;
}

const READ = ['GET', 'HEAD'] as const;
const WRITE = ['POST', 'PATCH', 'PUT', 'DELETE'] as const;

export const SCOPE_RULES: readonly ScopeRule[] = [
  { methods: READ, prefix: '/orders', scope: 'orders:read' },
  { methods: WRITE, prefix: '/orders', scope: 'orders:write' },
  { methods: READ, prefix: '/tracking', scope: 'tracking:read' },
  { methods: READ, prefix: '/routes', scope: 'tracking:read' },
  { methods: READ, prefix: '/route-sheets', scope: 'tracking:read' },
  { methods: READ, prefix: '/stops', scope: 'tracking:read' },
  { methods: READ, prefix: '/proofs', scope: 'tracking:read' },
  { methods: '*', prefix: '/webhooks', scope: 'webhooks:manage' },
  { methods: '*', prefix: '/plans', scope: 'plans:write' },
  { methods: '*', prefix: '/planning', scope: 'plans:write' },
  { methods: '*', prefix: '/dispatch', scope: 'plans:write' },
  { methods: WRITE, prefix: '/routes', scope: 'plans:write' },
  { methods: WRITE, prefix: '/stops', scope: 'plans:write' },
];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The scope `method path` needs, or null when keys may not call it at all. */
export function scopeFor(method: string, path: string): ApiKeyScope | null {
  const m = method.toUpperCase();
  for (const r of SCOPE_RULES) {
    if ((r.methods === '*' || r.methods.includes(m)) && under(path, r.prefix)) return r.scope;
  }
  return null;
}
