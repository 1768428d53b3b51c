import type { StyleSpecification } from 'maplibre-gl';
import { FALLBACK_STYLE } from './fallback-style.ts';

/** How long a remote style may take to load before the offline style replaces it. @default 5000 */
export const STYLE_TIMEOUT_MS = 5000;

/** The style to start with: the configured URL, or the offline style when there is none. */
export function initialStyle(styleUrl: string | null): string | StyleSpecification {
  return styleUrl ?? FALLBACK_STYLE;
}

/**
 * Decides when a remote style is given up for the offline one: an error before the style has
 * loaded (no network, DNS failure, 404, CSP block) or no load within the timeout. Tiles failing
 * later (style already loaded) keep the style: a flaky tile server must not wipe the streets.
 * Switches at most once; `dispose` cancels the timer when the map goes away.
 */
export function styleFallback(opts: {
  styleUrl: string | null;
  onFallBack(style: StyleSpecification): void;
  timeoutMs?: number;
}): { error(styleLoaded: boolean): void; loaded(): void; dispose(): void; readonly fellBack: boolean } {
  let done = !opts.styleUrl;
  let fellBack = false;
  const fallBack = () => {
    if (done) return;
    done = true;
    fellBack = true;
    clearTimeout(timer);
    opts.onFallBack(FALLBACK_STYLE);
  };
  const timer = done ? undefined : setTimeout(fallBack, opts.timeoutMs ?? STYLE_TIMEOUT_MS);
  return {
    error: (styleLoaded) => {
      if (!styleLoaded) fallBack();
    },
    loaded: () => {
      done = true;
      clearTimeout(timer);
    },
    dispose: () => {
      done = true;
      clearTimeout(timer);
    },
    get fellBack() {
      return fellBack;
    },
  };
}
