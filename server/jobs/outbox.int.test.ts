import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { Store } from '../store/index.js';
import { createHub, sqliteHub, type SqliteHub as Hub } from '../hub.js';
import type { Config } from '../config.js';
import { photo, postReport, startTestHub, validReport } from '../testing/hub.js';
import { sweepDeadlines } from '../commands/deadline-sweep.js';
import { rebuild } from '../store/rebuild.js';
import { startOutboxWorker, type OutboxWorker } from './outbox-worker.js';
import { sqliteOutboxQueue } from '../store/outbox.js';
import { DEADLINE_SWEEP_LEASE, startDeadlineScheduler } from './deadline-scheduler.js';
import type { Ctx } from '../commands/context.js';

const silent = pino({ level: 'silent' });
const MINUTE = 60_000;

/** A real agency endpoint on a free port: answers each request with the next status given (200 once they run out). */
class Receiver {
  readonly got: { key: string; body: Record<string, unknown> }[] = [];
  statuses: number[] = [];
  private waiters: (() => void)[] = [];
  private server!: Server;
  url = '';
  async start(): Promise<this> {
    this.server = createServer(async (req: IncomingMessage, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      this.got.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(text) as Record<string, unknown> });
      // Answered a turn later, so two workers' sends are in flight together.
      setImmediate(() => res.writeHead(this.statuses.shift() ?? 200).end());
      this.waiters.splice(0).forEach((w) => w());
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/pantau`;
    return this;
  }
  /** Resolves once `n` requests have arrived (no sleeps: each arrival wakes the waiter). */
  async until(n: number): Promise<void> {
    while (this.got.length < n) await new Promise<void>((r) => this.waiters.push(r));
  }
  keys = () => this.got.map((g) => g.key);
  close = () => new Promise<void>((r) => this.server.close(() => r()));
}

const withWebhook = (hub: Hub, url: string) => {
  for (const a of hub.ctx.city.profile.agencies) a.webhookUrl = url;
};
const flaggedSeqs = (store: Store) =>
  store.events.since(0, 100_000).filter((e) => e.type === 'report.deadline_flagged').map((e) => e.seq);

describe('deadline webhooks through the outbox, on a hub', () => {
  // Monday 23 Nov 2026, 09:00 WIB; "sampah": response reminder at 12:00, due 13:00.
  const clock = { t: Date.parse('2026-11-23T09:00:00+07:00') };
  const at = (wib: string) => (clock.t = Date.parse(`${wib}+07:00`));
  let hub: Hub;
  let url: string;
  let config: Config;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await new Receiver().start();
    ({ hub, url, config } = await startTestHub({}, { now: () => new Date(clock.t), from: 'accounts' }));
    withWebhook(hub, receiver.url);
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    await receiver?.close();
  });

  it('queues the webhook in the sweep’s transaction and delivers it once, keyed by the event', async () => {
    const id = Number((await postReport(url, validReport(), [await photo()])).body.id);
    at('2026-11-23T13:01:00');
    expect((await sweepDeadlines(hub.ctx)).map((r) => r.flag)).toEqual(['response_near', 'response_breached']);
    // Committed with the events, before anything was sent.
    expect(hub.ctx.store.outbox.counts()).toEqual({ pending: 2, givenUp: 0 });
    await hub.outbox.tick();
    await receiver.until(2);
    const seqs = flaggedSeqs(hub.ctx.store);
    expect(receiver.keys()).toEqual(seqs.map((s) => `${hub.ctx.store.storeId}:${s}`));
    expect(receiver.got.map((g) => [g.body.flag, g.body.agencyId])).toEqual([['response_near', 'dkp'], ['response_breached', 'dkp']]);
    expect(receiver.got[0].body.ticket).toBe(hub.ctx.store.reports.get(id)!.ticket);
    expect(await hub.outbox.tick()).toBe(0);
    expect(receiver.got).toHaveLength(2);
    expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({ webhooks: { pending: 0, givenUp: 0 } });
    // The outbox is not a projection: a rebuild finds the projections equal and sends nothing again.
    expect(rebuild(hub.ctx.store, { write: true }).differences).toEqual([]);
    expect(await hub.outbox.tick()).toBe(0);
    expect(receiver.got).toHaveLength(2);
  });

  it('sends on restart what a hub committed and never sent', async () => {
    // This hub's worker is gone before the sweep: the COMMIT lands, nothing is sent, then the hub goes down.
    await hub.outbox.stop();
    await postReport(url, validReport({ category: 'pju' }), [await photo()]);
    at('2026-11-27T09:00:00');
    const raised = (await sweepDeadlines(hub.ctx)).length;
    expect(raised).toBeGreaterThan(0);
    await hub.close();
    expect(receiver.got).toHaveLength(2);
    hub = sqliteHub(await createHub(config, { now: () => new Date(clock.t), log: silent }));
    withWebhook(hub, receiver.url);
    url = `http://127.0.0.1:${await hub.listen()}`;
    // The new hub's worker starts with a tick: no sweep, no call from the test.
    await receiver.until(2 + raised);
    expect(receiver.keys()).toEqual(flaggedSeqs(hub.ctx.store).map((s) => `${hub.ctx.store.storeId}:${s}`));
  });
});

describe('the outbox worker', () => {
  let file: string;
  const clock = { t: Date.parse('2026-11-23T02:00:00Z') };
  const now = () => new Date(clock.t);
  let receiver: Receiver;
  const stores: Store[] = [];
  const workers: OutboxWorker[] = [];
  const open = () => {
    const s = Store.open(file);
    stores.push(s);
    return s;
  };
  const worker = (store: Store, owner: string, over: Partial<Parameters<typeof startOutboxWorker>[1]> = {}) => {
    const w = startOutboxWorker({ outbox: sqliteOutboxQueue(store.storeId, store.outbox), now }, { owner, log: silent, everyMs: 3_600_000, ...over });
    workers.push(w);
    return w;
  };
  const queue = (store: Store, n: number, firstSeq = 1) =>
    store.tx(() => {
      for (let i = 0; i < n; i++) store.outbox.add({ seq: firstSeq + i, agencyId: 'dkp', url: receiver.url, body: JSON.stringify({ n: firstSeq + i }), at: now().toISOString() });
    });
  const row = (store: Store, seq: number) => store.db.prepare('SELECT attempts, delivered_at AS deliveredAt, given_up_at AS givenUpAt, last_error AS lastError FROM outbox WHERE seq = ?').get(seq);

  beforeAll(async () => {
    receiver = await new Receiver().start();
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    for (const s of stores.splice(0)) s.close();
    receiver.got.length = 0;
    receiver.statuses = [];
  });
  afterAll(() => receiver.close());
  const fresh = () => (file = join(mkdtempSync(join(tmpdir(), 'pantau-outbox-')), 'pantau.sqlite'));

  it('tries again with backoff: a receiver failing twice gets the message on the third try', async () => {
    fresh();
    const store = open();
    receiver.statuses = [503, 503];
    queue(store, 1);
    const w = worker(store, 'hub-a');
    await w.tick();
    expect(receiver.got).toHaveLength(1);
    expect(row(store, 1)).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'HTTP 503' });
    // Not due again yet at the same moment.
    expect(await w.tick()).toBe(0);
    clock.t += 10 * MINUTE;
    expect(await w.tick()).toBe(1);
    clock.t += 10 * MINUTE;
    expect(await w.tick()).toBe(1);
    expect(receiver.got).toHaveLength(3);
    expect(new Set(receiver.keys())).toEqual(new Set([`${store.storeId}:1`]));
    expect(row(store, 1)).toMatchObject({ attempts: 3, deliveredAt: now().toISOString(), lastError: null });
    clock.t += 10 * MINUTE;
    expect(await w.tick()).toBe(0);
  });

  it('gives up after its attempts, says so in the log, and counts it where monitoring reads', async () => {
    fresh();
    const store = open();
    receiver.statuses = [500, 500, 500];
    queue(store, 1);
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'warn' }, new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    const w = worker(store, 'hub-a', { log, retries: { firstDelayMs: 1_000, maxDelayMs: 1_000, maxAttempts: 2 } });
    await w.tick();
    clock.t += MINUTE;
    await w.tick();
    clock.t += MINUTE;
    expect(await w.tick()).toBe(0);
    expect(receiver.got).toHaveLength(2);
    expect(row(store, 1)).toMatchObject({ attempts: 2, givenUpAt: expect.any(String), lastError: 'HTTP 500' });
    expect(store.outbox.counts()).toEqual({ pending: 0, givenUp: 1 });
    expect(lines.map((l) => [l.level, l.msg, l.attempts])).toEqual([[40, 'agency webhook failed; will retry', 1], [50, 'agency webhook given up', 2]]);
  });

  it('never lets two workers on one store send the same message', async () => {
    fresh();
    const a = open();
    const b = open();
    queue(a, 30);
    const wa = worker(a, 'hub-a', { batch: 5 });
    const wb = worker(b, 'hub-b', { batch: 5 });
    const sent = { a: 0, b: 0 };
    const drain = async (w: OutboxWorker, who: 'a' | 'b') => {
      for (let n = await w.tick(); n > 0; n = await w.tick()) sent[who] += n;
    };
    await Promise.all([drain(wa, 'a'), drain(wb, 'b')]);
    expect(receiver.got).toHaveLength(30);
    expect(new Set(receiver.keys()).size).toBe(30);
    // Both really worked: the messages were shared out, not all taken by one.
    expect(sent.a).toBeGreaterThan(0);
    expect(sent.b).toBeGreaterThan(0);
    expect(sent.a + sent.b).toBe(30);
  });

  it('takes over a message claimed by a hub that died, once the claim runs out', async () => {
    fresh();
    const store = open();
    queue(store, 1);
    // A hub claimed it and died mid-send.
    expect(store.outbox.claim('dead-run', now().toISOString(), new Date(clock.t + 30_000).toISOString(), 10)).toHaveLength(1);
    const w = worker(store, 'hub-b');
    expect(await w.tick()).toBe(0);
    clock.t += 30_000;
    expect(await w.tick()).toBe(1);
    expect(receiver.got).toHaveLength(1);
    expect(row(store, 1)).toMatchObject({ attempts: 1, deliveredAt: expect.any(String) });
  });
});

describe('the deadline sweep under a lease', () => {
  const clock = { t: Date.parse('2026-11-23T09:00:00+07:00') };
  const at = (wib: string) => (clock.t = Date.parse(`${wib}+07:00`));
  let hub: Hub;
  let url: string;
  let config: Config;
  let other: Store;

  beforeAll(async () => {
    ({ hub, url, config } = await startTestHub({}, { now: () => new Date(clock.t), from: 'accounts' }));
    other = Store.open(config.dbFile, { clock: hub.ctx.city.clock });
  }, 60_000);
  afterAll(async () => {
    other?.close();
    await hub?.close();
  });

  it('lets only the holder sweep, and another hub take over when the lease runs out or is handed on', async () => {
    await postReport(url, validReport(), [await photo()]);
    // Two hubs on one store: the second has its own connection, as a second process would.
    const ctxB: Ctx = { ...hub.ctx, store: other };
    at('2026-11-23T11:59:50');
    const a = startDeadlineScheduler(hub.ctx, { everyMs: 10_000, owner: 'run-a', log: silent });
    const b = startDeadlineScheduler(ctxB, { everyMs: 10_000, owner: 'run-b', log: silent });
    try {
      // Nothing is due yet; run-a takes the lease for three intervals.
      expect(await a.sweep()).toEqual([]);
      expect(hub.ctx.store.leases.get(DEADLINE_SWEEP_LEASE)).toEqual({ name: DEADLINE_SWEEP_LEASE, owner: 'run-a', until: new Date(clock.t + 30_000).toISOString() });
      // The reminder is due at 12:00; run-a holds the lease until 12:00:20, so run-b may not raise it.
      at('2026-11-23T12:00:10');
      expect(await b.sweep()).toEqual([]);
      expect(hub.ctx.store.reports.latest(1)[0].deadlineFlags).toEqual([]);
      // run-a stopped renewing (it died): once its lease has run out, run-b takes the sweep and raises what is due.
      at('2026-11-23T12:00:20');
      expect((await b.sweep()).map((r) => r.flag)).toEqual(['response_near']);
      expect(other.leases.get(DEADLINE_SWEEP_LEASE)?.owner).toBe('run-b');
      at('2026-11-23T12:00:30');
      expect(await a.sweep()).toEqual([]);
      expect(hub.ctx.store.leases.get(DEADLINE_SWEEP_LEASE)?.owner).toBe('run-b');
      // A clean stop hands the lease on at once, not when it would have run out.
      await b.stop();
      expect(await a.sweep()).toEqual([]);
      expect(hub.ctx.store.leases.get(DEADLINE_SWEEP_LEASE)?.owner).toBe('run-a');
      at('2026-11-23T13:01:00');
      expect((await a.sweep()).map((r) => r.flag)).toEqual(['response_breached']);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
