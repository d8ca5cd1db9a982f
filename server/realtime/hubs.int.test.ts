import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import { actOnReport } from '../commands/act-on-report.js';
import { pairDisplay, revokeDisplay } from '../commands/displays.js';
import { photo, postReport, startTestHub, validReport, WallClient } from '../testing/hub.js';
import { DEMO_PASSWORD } from '../../scripts/seed-accounts.js';
import { aliveSince, RUN_SLACK_MS } from '../domain/hub-runs.js';
import type { DisplayView } from '../contract/layouts.js';

/**
 * Two hubs on one store file (two processes on one machine would be the same; in one process here), a wall on
 * each: what either commits reaches both walls, in seq order.
 */
let a: { hub: Hub; url: string; dataDir: string };
let b: { hub: Hub; url: string };
beforeAll(async () => {
  a = await startTestHub({}, { from: 'accounts' });
  b = await startTestHub({ dataDir: a.dataDir });
});
afterAll(async () => {
  await b?.hub.close();
  await a?.hub.close();
});

/** A wall client that also writes down every seq it is sent live, to see that none is skipped or out of order. */
function wallOn(url: string, token?: string) {
  const wall = new WallClient(url, token);
  const seqs: number[] = [];
  for (const name of ['report.event', 'live.tick', 'camera.event', 'indicator.event'] as const) wall.socket.on(name, (e: { seq: number }) => seqs.push(e.seq));
  return { wall, seqs };
}

describe('hubs on one store', () => {
  it('send every event to every wall in seq order, whichever hub committed it', async () => {
    const onA = wallOn(a.url);
    const onB = wallOn(b.url);
    await onA.wall.until(() => onA.wall.catchUps.length === 1);
    await onB.wall.until(() => onB.wall.catchUps.length === 1);
    const from = onB.wall.seq;
    // Alternating hubs, some at once: each hub's own commits interleave with the other's in the log.
    for (let i = 0; i < 3; i++) await Promise.all([postReport(a.url, validReport(), [await photo()]), postReport(b.url, validReport(), [await photo()])]);
    // Committed on A without A broadcasting it (as by a hub that died right after its COMMIT): B reads it from the log.
    const [latest] = a.hub.ctx.store.reports.latest(1);
    expect((await actOnReport({ ...a.hub.ctx, publish: () => {} }, { id: 'op', role: 'operator', agencyId: latest.agencyId }, latest.id, { action: 'check' })).ok).toBe(true);

    const head = a.hub.ctx.store.events.headSeq();
    await onB.wall.until(() => onB.wall.seq === head);
    await onA.wall.until(() => onA.wall.seq === head);
    const every = Array.from({ length: head - from }, (_, i) => from + 1 + i);
    expect(onB.seqs).toEqual(every);
    // A's wall heard its own hub's broadcasts at once and B's from the log; the silent check came from the log too.
    expect(onA.seqs).toEqual(every);
    expect(onB.wall.catchUps).toEqual(['snapshot']);
    expect(onB.wall.markers.get(latest.id)?.[1]).toBe('checked');
    expect([...onB.wall.markers.entries()].sort()).toEqual([...onA.wall.markers.entries()].sort());
    onA.wall.close();
    onB.wall.close();
  });

  it('end a revoked display’s stream on the other hub too', async () => {
    const system = { id: 'system', role: 'system' as const, name: 'test' };
    const { id, token } = await pairDisplay(a.hub.ctx, system, 'Layar lobi');
    const onB = wallOn(b.url, token);
    await onB.wall.until(() => onB.wall.catchUps.length === 1);
    const closed = new Promise<string>((r) => onB.wall.socket.once('disconnect', r));
    expect((await revokeDisplay(a.hub.ctx, { id: 'admin', role: 'admin', name: 'Admin' }, id)).ok).toBe(true);
    expect(await closed).toBe('io server disconnect');
    onB.wall.close();
  });

  it('show a display connected to one hub as connected on the console of the other, and not once it left', async () => {
    const system = { id: 'system', role: 'system' as const, name: 'test' };
    const { id, token } = await pairDisplay(a.hub.ctx, system, 'Layar rapat');
    const login = await fetch(`${b.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const onlineOnB = async () => ((await (await fetch(`${b.url}/api/displays`, { headers: { cookie } })).json()) as { displays: DisplayView[] }).displays.find((d) => d.id === id)?.online;
    expect(await onlineOnB()).toBe(false);
    const onA = wallOn(a.url, token);
    await onA.wall.until(() => onA.wall.catchUps.length === 1);
    await expect.poll(onlineOnB, { interval: 50 }).toBe(true);
    onA.wall.close();
    await expect.poll(onlineOnB, { interval: 50 }).toBe(false);
  });

  it('stop counting the displays of a hub run that died without clearing them', () => {
    const { store } = a.hub.ctx;
    const now = new Date();
    const longAgo = new Date(now.getTime() - RUN_SLACK_MS - 1000).toISOString();
    store.hubRuns.start('run-that-died', longAgo);
    store.displayConnections.replace('run-that-died', ['display-of-the-dead'], aliveSince(new Date(0)));
    expect(store.displayConnections.onOtherLiveRuns('another-run', aliveSince(new Date(0)))).toContain('display-of-the-dead');
    expect(store.displayConnections.onOtherLiveRuns('another-run', aliveSince(now))).not.toContain('display-of-the-dead');
    // The next run that writes its own rows sweeps the dead one's.
    store.displayConnections.replace('run-alive', [], aliveSince(now));
    expect(store.displayConnections.onOtherLiveRuns('another-run', aliveSince(new Date(0)))).not.toContain('display-of-the-dead');
  });
});
