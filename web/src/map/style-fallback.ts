import { STYLE_TIMEOUT_MS, type StyleFallback, watchStyle } from '@tournee/shared';
import type { StyleSpecification } from 'maplibre-gl';
import { FALLBACK_STYLE } from './fallback-style.ts';

export { STYLE_TIMEOUT_MS };

/** The style to start with: the configured URL, or the offline style when there is none. */
export function initialStyle(styleUrl: string | null): string | StyleSpecification {
  return styleUrl ?? FALLBACK_STYLE;
}

/**
 * Decides when a remote style is given up for the offline one (the rule is shared with the
 * tracking page and the driver app: shared/src/style-fallback.ts): an error before the style has
 * loaded (no network, DNS failure, 404, CSP block) or no load within the timeout. Tiles failing
 * later (style already loaded) keep the style: a flaky tile server must not wipe the streets.
 * Switches at most once; `dispose` cancels the timer when the map goes away.
 */
export function styleFallback(opts: {
  styleUrl: string | null;
  onFallBack(style: StyleSpecification): void;
  timeoutMs?: number;
}): StyleFallback {
  return watchStyle({
    styleUrl: opts.styleUrl,
    timeoutMs: opts.timeoutMs,
    onFallBack: () => opts.onFallBack(FALLBACK_STYLE),
  });
}
