import { describe, expect, it } from 'vitest';
import { crossSiteRefusal, type OriginFacts } from './same-origin.js';

const base: OriginFacts = { method: 'POST', ridesOnCookie: true, secFetchSite: undefined, origin: undefined, host: '127.0.0.1:8080', publicOrigins: [] };
const refused = (over: Partial<OriginFacts>) => crossSiteRefusal({ ...base, ...over }) !== null;

describe('a cookie-borne state change must come from our own pages', () => {
  it('lets our own pages and non-browser clients through', () => {
    expect(refused({ secFetchSite: 'same-origin', origin: 'http://127.0.0.1:8080' })).toBe(false);
    expect(refused({ secFetchSite: 'none' })).toBe(false);
    expect(refused({})).toBe(false);
    expect(refused({ origin: 'http://127.0.0.1:8080', host: '127.0.0.1:8080' })).toBe(false);
  });

  it('refuses another site, another port of the same host and an opaque origin', () => {
    expect(refused({ secFetchSite: 'same-site', origin: 'http://127.0.0.1:9999' })).toBe(true);
    expect(refused({ secFetchSite: 'cross-site' })).toBe(true);
    expect(refused({ origin: 'http://127.0.0.1:9999' })).toBe(true);
    expect(refused({ origin: 'null' })).toBe(true);
    expect(refused({ origin: 'https://evil.example', host: undefined })).toBe(true);
  });

  it('leaves reads, cookieless requests and API keys alone', () => {
    expect(refused({ method: 'GET', secFetchSite: 'cross-site' })).toBe(false);
    expect(refused({ ridesOnCookie: false, secFetchSite: 'cross-site', origin: 'https://evil.example' })).toBe(false);
  });

  it('knows the public origin behind a proxy that rewrites Host', () => {
    const proxied = { host: '10.0.0.5:8080', origin: 'https://pantau.tangerangkota.go.id', secFetchSite: 'same-origin' };
    expect(refused(proxied)).toBe(true);
    expect(refused({ ...proxied, publicOrigins: ['https://pantau.tangerangkota.go.id'] })).toBe(false);
  });
});
