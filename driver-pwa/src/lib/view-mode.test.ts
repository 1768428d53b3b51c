import { describe, expect, it } from 'vitest';
import { savedViewMode, saveViewMode } from './view-mode.ts';

describe('view mode', () => {
  it('starts with the list and remembers the next-stop screen', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    expect(savedViewMode(storage)).toBe('list');
    saveViewMode('next', storage);
    expect(savedViewMode(storage)).toBe('next');
  });
});
