/**
 * When a map gives up its remote vector style (MAP_STYLE_URL, OpenFreeMap by default) for an
 * offline one: shared by the dispatcher's map, the tracking page and the driver app, which
 * each decide what "offline" means (a plain background, or the driver app's SVG sketch). No
 * MapLibre here: the caller wires `error`/`loaded` to the map's events.
 */

/** How long a remote style may take to load before the offline style replaces it. @default 5000 */
export const STYLE_TIMEOUT_MS = 5000;

export interface StyleFallback {
  /** A map error; `styleLoaded` is the map's `isStyleLoaded()` at that moment. */
  error(styleLoaded: boolean): void;
  /** The remote style has loaded: it is kept from now on. */
  loaded(): void;
  /** The map goes away: cancels the timer. */
  dispose(): void;
  readonly fellBack: boolean;
}

/**
 * Decides when a remote style is given up: an error before the style has loaded (no network,
 * DNS failure, 404, CSP block) or no load within the timeout. Tiles failing later (style
 * already loaded) keep the style: a flaky tile server must not wipe the streets. Calls
 * `onFallBack` at most once; never without a `styleUrl` (the offline style is already in use).
 */
export function watchStyle(opts: { styleUrl: string | null; onFallBack(): void; timeoutMs?: number }): StyleFallback {
  let done = !opts.styleUrl;
  let fellBack = false;
  const fallBack = () => {
    if (done) return;
    done = true;
    fellBack = true;
    clearTimeout(timer);
    opts.onFallBack();
  };
  const timer = done ? undefined : setTimeout(fallBack, opts.timeoutMs ?? STYLE_TIMEOUT_MS);
  const stop = () => {
    done = true;
    clearTimeout(timer);
  };
  return {
    error: (styleLoaded) => {
      if (!styleLoaded) fallBack();
    },
    loaded: stop,
    dispose: stop,
    get fellBack() {
      return fellBack;
    },
  };
}
