import { useState } from 'react';

/**
 * The open tab of a page with tabs, kept in the address (`<path>?tab=…`) so that a reload or a
 * shared link opens the same tab. An unknown or missing `tab` opens `first` (the first key).
 */
export function useTabInAddress<K extends string>(
  path: string,
  keys: readonly K[],
  first: K = keys[0]!,
): [K, (next: K) => void] {
  const [tab, setTabState] = useState<K>(() => {
    const asked = new URLSearchParams(location.search).get('tab');
    return keys.find((k) => k === asked) ?? first;
  });
  const setTab = (next: K) => {
    history.replaceState(null, '', `${path}?tab=${next}`);
    setTabState(next);
  };
  return [tab, setTab];
}

/** The row of tab buttons (ARIA tabs: the open one is `aria-selected`). */
export function TabList<K extends string>(props: {
  keys: readonly K[];
  current: K;
  label: (key: K) => string;
  onSelect: (key: K) => void;
}) {
  return (
    <div role="tablist" className="tabs">
      {props.keys.map((k) => (
        <button key={k} type="button" role="tab" aria-selected={k === props.current} onClick={() => props.onSelect(k)}>
          {props.label(k)}
        </button>
      ))}
    </div>
  );
}
