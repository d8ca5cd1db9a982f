import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, onUnauthorized, parseRetryAfter, request, waitBeforeRetry } from './api';

describe('Retry-After on the phone screens', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
  it('waits for the longer of our own back-off and what the hub asked', () => {
    expect(waitBeforeRetry(2000, { retryAfterMs: 12_000 })).toBe(12_000);
    expect(waitBeforeRetry(2000, { retryAfterMs: 1000 })).toBe(2000);
    expect(waitBeforeRetry(2000, { retryAfterMs: null })).toBe(2000);
  });
});

describe('the one client', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    vi.stubGlobal('fetch', vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers })));
  afterEach(() => vi.unstubAllGlobals());

  it("throws the hub's refusal with its status, field and Retry-After", async () => {
    answer(503, { error: 'busy', message: 'photo line full' }, { 'Retry-After': '9' });
    const e = (await request('/api/reports', { json: {} }).catch((x) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.error, e.message, e.field, e.retryAfterMs, e.transient]).toEqual([503, 'busy', 'photo line full', null, 9000, true]);
    answer(422, { error: 'invalid', field: 'location', message: 'outside' });
    expect(await api('/api/reports', { json: {} })).toMatchObject({ ok: false, status: 422, error: 'invalid', field: 'location', message: 'outside' });
  });

  it('says status 0 when nobody answered, and never throws from api()', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await api('/api/console/queue')).toMatchObject({ ok: false, status: 0, error: 'network' });
  });

  it('tells the staff screens a session ended on a 401, but not when signing in', async () => {
    const ended = vi.fn();
    const off = onUnauthorized(ended);
    answer(401, { error: 'unauthenticated', message: 'login' });
    await api('/api/auth/login', { json: {} });
    expect(ended).not.toHaveBeenCalled();
    await api('/api/console/queue');
    expect(ended).toHaveBeenCalledTimes(1);
    off();
  });

  it('sends JSON with POST by default, a display token as Bearer, and keeps the status of a success', async () => {
    answer(201, { id: 1 });
    expect(await api('/api/x', { json: { a: 1 }, token: 'tok' })).toEqual({ ok: true, status: 201, data: { id: 1 } });
    const [, init] = (fetch as unknown as ReturnType<typeof vi.fn>).mock.calls[0] as [string, RequestInit];
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"a":1}');
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json', Authorization: 'Bearer tok' });
  });
});
