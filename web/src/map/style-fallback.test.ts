import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FALLBACK_STYLE } from './fallback-style.ts';
import { initialStyle, styleFallback } from './style-fallback.ts';

describe('map style choice', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts with the configured style, or the offline style without one', () => {
    expect(initialStyle('https://tiles.openfreemap.org/styles/liberty')).toBe(
      'https://tiles.openfreemap.org/styles/liberty',
    );
    expect(initialStyle(null)).toBe(FALLBACK_STYLE);
  });

  it('switches to the offline style when the remote style fails to load', () => {
    const onFallBack = vi.fn();
    const f = styleFallback({ styleUrl: 'https://x.example/style.json', onFallBack });
    f.error(false);
    f.error(false);
    expect(onFallBack).toHaveBeenCalledTimes(1);
    expect(onFallBack).toHaveBeenCalledWith(FALLBACK_STYLE);
    expect(f.fellBack).toBe(true);
  });

  it('switches when the style has not loaded within 5 seconds', () => {
    const onFallBack = vi.fn();
    styleFallback({ styleUrl: 'https://x.example/style.json', onFallBack });
    vi.advanceTimersByTime(4999);
    expect(onFallBack).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onFallBack).toHaveBeenCalledTimes(1);
  });

  it('keeps a loaded style when only tiles fail later', () => {
    const onFallBack = vi.fn();
    const f = styleFallback({ styleUrl: 'https://x.example/style.json', onFallBack });
    f.loaded();
    f.error(true);
    f.error(false);
    vi.advanceTimersByTime(10_000);
    expect(onFallBack).not.toHaveBeenCalled();
  });

  it('never switches when the offline style is already in use', () => {
    const onFallBack = vi.fn();
    const f = styleFallback({ styleUrl: null, onFallBack });
    f.error(false);
    vi.advanceTimersByTime(10_000);
    expect(onFallBack).not.toHaveBeenCalled();
  });
});
