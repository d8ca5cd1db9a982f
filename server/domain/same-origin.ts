/**
 * CSRF defence by Fetch Metadata and Origin: a state-changing request that rides on the session cookie must
 * come from the hub's own pages. SameSite=Lax alone let a page on another port of the same host (same site)
 * disable an account with a text/plain form POST. Browsers send `Sec-Fetch-Site` and `Origin` on such requests;
 * non-browser clients (the simulators, curl) send neither and are not affected, nor is a Bearer API key,
 * which no browser attaches by itself.
 */
export type OriginFacts = {
  method: string;
  /** The request carries the staff session cookie (the only ambient credential the hub accepts). */
  ridesOnCookie: boolean;
  secFetchSite: string | undefined;
  origin: string | undefined;
  /** The Host header the request came with: the hub's own origin as the browser saw it, without a proxy rewriting it. */
  host: string | undefined;
  /** Origins the hub is reached at behind a proxy that rewrites Host (PANTAU_PUBLIC_ORIGIN). */
  publicOrigins: readonly string[];
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why this request must be refused, or null when it may go on. */
export function crossSiteRefusal(f: OriginFacts): string | null {
  if (SAFE_METHODS.has(f.method.toUpperCase()) || !f.ridesOnCookie) return null;
  if (f.secFetchSite !== undefined && f.secFetchSite !== 'same-origin' && f.secFetchSite !== 'none')
    return `this request came from another site's page (Sec-Fetch-Site: ${f.secFetchSite}); use the hub's own pages`;
  if (f.origin !== undefined && !isOwnOrigin(f.origin, f.host, f.publicOrigins))
    return `this request came from ${f.origin}, not from the hub's own pages`;
  return null;
}

export function isOwnOrigin(origin: string, host: string | undefined, publicOrigins: readonly string[]): boolean {
  if (publicOrigins.includes(origin.replace(/\/$/, ''))) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && host !== undefined && u.host === host.toLowerCase();
  } catch {
    // "null" (a sandboxed frame, a file) or anything unparsable is nobody's own origin.
    return false;
  }
}
