import { useEffect, useState } from 'react';

/** The app's few screens; the path is the source of truth so reload and back work. */
export type Screen =
  | 'orders'
  | 'fleet'
  | 'planner'
  | 'messages'
  | 'analytics'
  | 'audit'
  | 'rules'
  | 'integrations'
  | 'settings';
const SCREENS: Screen[] = [
  'orders',
  'fleet',
  'planner',
  'messages',
  'analytics',
  'audit',
  'rules',
  'integrations',
  'settings',
];

export function screenOf(pathname: string): Screen {
  const first = pathname.split('/').filter(Boolean)[0];
  return SCREENS.includes(first as Screen) ? (first as Screen) : 'orders';
}

export function navigate(screen: Screen, search = '') {
  history.pushState(null, '', `/${screen}${search}`);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useScreen(): Screen {
  const [screen, setScreen] = useState(() => screenOf(location.pathname));
  useEffect(() => {
    const onPop = () => setScreen(screenOf(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return screen;
}
