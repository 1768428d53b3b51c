import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchStyle } from './style-fallback.ts';

const URL = 'https://tiles.openfreemap.org/styles/liberty';

describe('watchStyle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('falls back once when the remote style fails before loading', () => {
    const onFallBack = vi.fn();
    const w = watchStyle({ styleUrl: URL, onFallBack });
    w.error(false);
    w.error(false);
    expect(onFallBack).toHaveBeenCalledTimes(1);
    expect(w.fellBack).toBe(true);
  });

  it('falls back when the style has not loaded within 5 seconds', () => {
    const onFallBack = vi.fn();
    watchStyle({ styleUrl: URL, onFallBack });
    vi.advanceTimersByTime(4999);
    expect(onFallBack).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onFallBack).toHaveBeenCalledTimes(1);
  });

  it('keeps a loaded style when tiles fail later, and never falls back without a URL', () => {
    const onFallBack = vi.fn();
    const w = watchStyle({ styleUrl: URL, onFallBack });
    w.loaded();
    w.error(false);
    watchStyle({ styleUrl: null, onFallBack }).error(false);
    vi.advanceTimersByTime(10_000);
    expect(onFallBack).not.toHaveBeenCalled();
  });

  it('cancels the timer when the map goes away', () => {
    const onFallBack = vi.fn();
    watchStyle({ styleUrl: URL, onFallBack }).dispose();
    vi.advanceTimersByTime(10_000);
    expect(onFallBack).not.toHaveBeenCalled();
  });
});
