import { useEffect, useState } from 'react';

/**
 * Where in the orders screen we are, from the path (so reload and back work): the list
 * (`/orders`), the new-order form (`/orders/new`), or one order (`/orders/<id>`, and
 * `/orders/<id>/edit` for its form).
 */
export type OrderPath = { kind: 'list' } | { kind: 'new' } | { kind: 'order'; id: string; edit: boolean };

export function orderPathOf(pathname: string): OrderPath {
  const [screen, id, sub] = pathname.split('/').filter(Boolean);
  if (screen !== 'orders' || !id) return { kind: 'list' };
  if (id === 'new') return { kind: 'new' };
  return { kind: 'order', id: decodeURIComponent(id), edit: sub === 'edit' };
}

/** The path of a place in the orders screen. */
export function hrefOf(p: OrderPath): string {
  if (p.kind === 'list') return '/orders';
  if (p.kind === 'new') return '/orders/new';
  return `/orders/${encodeURIComponent(p.id)}${p.edit ? '/edit' : ''}`;
}

/** Goes to a place in the orders screen as a link would (a history entry; back returns). */
export function goTo(p: OrderPath, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, '', hrefOf(p));
  else history.pushState(null, '', hrefOf(p));
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The current place, following the browser's back and forward. */
export function useOrderPath(): OrderPath {
  const [path, setPath] = useState(() => orderPathOf(location.pathname));
  useEffect(() => {
    const onPop = () => setPath(orderPathOf(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return path;
}

/** A link's click handler that stays in the app (a modified click still opens a new tab). */
export function linkTo(p: OrderPath) {
  return (e: { preventDefault(): void; button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean }) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    goTo(p);
  };
}
