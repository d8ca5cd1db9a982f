import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Content-Security-Policy and the other security headers (helmet keeps them current). Everything the screens
 * load is the hub's own; MapLibre draws in a Web Worker made from a blob: URL and paints tiles and sprites from
 * blob:/data: images; the displays page and /wall/layar frame the hub's own views, so framing is same-origin only.
 * Inline styles are allowed because Solid sets style attributes; scripts never run inline.
 * A deployment's own basemap (PANTAU_MAP_STYLE_URL) is the one other origin the map may fetch from.
 */
export function securityHeaders(opts: { mapStyleUrl?: string | null }): RequestHandler {
  const map = opts.mapStyleUrl ? [new URL(opts.mapStyleUrl).origin] : [];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...map],
        fontSrc: ["'self'", 'data:', ...map],
        connectSrc: ["'self'", ...map],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        frameSrc: ["'self'"],
        frameAncestors: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // No upgrade-insecure-requests: a LAN wall at http://10.x.x.x would then ask for https:// and show nothing.
      },
    },
    // Set by the reverse proxy that terminates TLS, if any; sent over plain HTTP it would only confuse.
    strictTransportSecurity: false,
    xFrameOptions: { action: 'sameorigin' },
    referrerPolicy: { policy: 'same-origin' },
  });
}
