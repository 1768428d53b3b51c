/**
 * Security headers on every HTTP answer (helmet): API JSON, the two apps, tracking pages, 404s
 * and errors alike. Socket.IO's own HTTP transport is answered before Express and needs none.
 *
 * The Content-Security-Policy allows what the apps load:
 * - scripts and styles from us (`'unsafe-inline'` styles: MapLibre and React set style
 *   attributes, and the route sheet and tracking page carry a small `<style>`);
 * - the map style, its tiles, sprites and glyphs from MAP_STYLE_URL's host (fetched, and drawn
 *   from images), MapLibre's worker from us or a blob;
 * - photos shown before upload as `blob:`/`data:` images; Socket.IO over `'self'` (ws/wss too).
 * Tiles or glyphs on another host than the style's are not covered: serve them from the same
 * host, or put the style behind it.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.ts';

/** The origins (scheme://host[:port]) of the configured map style, if any. */
function mapOrigins(config: Pick<Config, 'MAP_STYLE_URL'>): string[] {
  return config.MAP_STYLE_URL ? [new URL(config.MAP_STYLE_URL).origin] : [];
}

/** helmet with Tournée's CSP; HSTS (and upgrading requests to https) only when PUBLIC_URL is https. */
export function securityHeaders(config: Pick<Config, 'MAP_STYLE_URL' | 'PUBLIC_URL'>): RequestHandler[] {
  const https = config.PUBLIC_URL?.startsWith('https:') ?? false;
  const map = mapOrigins(config);
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...map],
        fontSrc: ["'self'", 'data:', ...map],
        connectSrc: ["'self'", ...map],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // On plain http (a LAN install) this would send every same-origin request to an https
        // that does not exist.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
  });
  // Tracking links carry their token in the path: never let it leave in a Referer header.
  const trackingPages: RequestHandler = (req, res, next) => {
    if (req.path.startsWith('/t/')) res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
  return [headers, trackingPages];
}
