import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteHub as Hub } from '../hub.js';
import type { Ack, CatchUp } from '../contract/events.js';
import { actOnReport } from '../commands/act-on-report.js';
import { io as connect } from 'socket.io-client';
import { decodeMarkers } from '../contract/marker-columns.js';
import { photo, postReport, startTestHub, validReport, WALL_TOKEN, WallClient } from '../testing/hub.js';

let hub: Hub;
let url: string;
beforeAll(async () => {
  ({ hub, url } = await startTestHub({ catchUpLimit: 2 }));
  for (let i = 0; i < 3; i++) await postReport(url, validReport(), [await photo()]);
});
afterAll(() => hub.close());

const sync = (w: WallClient, input: unknown) =>
  new Promise<Ack<CatchUp>>((resolve) => w.socket.emit('live.sync', input as { storeId: string; seq: number }, resolve));

describe('catching up', () => {
  it('gives a new wall a snapshot of every report with the seq it stands at', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1);
    expect(wall.catchUps).toEqual(['snapshot']);
    expect(wall.markers.size).toBe(3);
    expect(wall.seq).toBe(hub.ctx.store.events.headSeq());
    wall.close();
  });

  it('answers live.sync after a gap with exactly the reports changed since', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1);
    const seq = wall.seq;
    const [latest] = hub.ctx.store.reports.latest(1);
    await actOnReport(hub.ctx, { id: 'op', role: 'operator', agencyId: 'dkp' }, latest.id, { action: 'check' });
    const ack = await sync(wall, { storeId: wall.storeId, seq });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.value).toMatchObject({ kind: 'delta', fromSeq: seq, seq: seq + 1 });
    expect(ack.value.markers).toEqual([[latest.id, 'checked', 'sampah', latest.lng, latest.lat, latest.districtCode, latest.createdAt, 0]]);
    wall.close();
  });

  it('sends a snapshot instead when the wall is further behind than the limit', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1);
    const ack = await sync(wall, { storeId: wall.storeId, seq: 0 });
    expect(ack.ok && ack.value.kind).toBe('snapshot');
    // In columns, as the handshake asked, holding what the live store holds.
    expect(ack.ok && ack.value.columns && decodeMarkers(ack.value.columns).map((m) => m[0])).toEqual(hub.ctx.store.reports.allMarkers().map((m) => m[0]));
    wall.close();
  });

  it('gives a page that does not ask for columns (the previous release, until it reloads) its snapshot as tuples', async () => {
    const old = connect(url, { transports: ['websocket'], auth: { display: WALL_TOKEN } });
    const c = await new Promise<CatchUp>((resolve) => old.once('live.catchup', resolve));
    old.close();
    expect(c.kind === 'snapshot' && c.columns).toBe(undefined);
    expect(c.markers).toEqual(hub.ctx.store.reports.allMarkers());
  });

  it('refuses a malformed live.sync with the field named, and stays up', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1);
    expect(await sync(wall, { storeId: null, seq: -4 })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'seq' } });
    expect(await sync(wall, 'garbage')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect((await sync(wall, { storeId: null, seq: 0 })).ok).toBe(true);
    wall.close();
  });

  it('a wall that reconnects gets only what it missed, with no duplicate', async () => {
    const wall = new WallClient(url);
    await wall.until(() => wall.catchUps.length === 1);
    wall.socket.disconnect();
    const { body } = await postReport(url, validReport(), [await photo()]);
    wall.socket.connect();
    await wall.until(() => wall.catchUps.length === 2);
    expect(wall.catchUps[1]).toBe('delta');
    expect(wall.markers.get(Number(body.id))?.[1]).toBe('new');
    expect(wall.seq).toBe(hub.ctx.store.events.headSeq());
    wall.close();
  });
});
