import { wallClock } from '../domain/time.js';
import type { SqliteHub as Hub } from '../hub.js';
import type { Actor } from '../contract/roles.js';
import { contains } from '../domain/geography.js';
import { submitReport } from '../commands/submit-report.js';
import { actOnReport } from '../commands/act-on-report.js';
import { sweepDeadlines } from '../commands/deadline-sweep.js';
import { recordProbe } from '../commands/cameras.js';
import { cachedScenePhoto } from './photos.js';

/**
 * A simulated week in the city, driven through the hub's real commands (the same ones HTTP and the jobs call):
 * new reports every hour with their lifecycle (dispatch, accept, proof, verify; some rejected, some reopened),
 * operators' notes, the deadline scheduler's sweep as the hours pass, and cameras that flap offline and back.
 * `setNow` moves the hub's clock; one call of `hour()` is one simulated hour.
 */
export function createWeek(hub: Hub, setNow: (d: Date) => void, start: Date, opts: { reportsPerHour?: number; seed?: number } = {}) {
  const ctx = hub.ctx;
  const perHour = opts.reportsPerHour ?? 6;
  let rnd = opts.seed ?? 42;
  // A small deterministic generator: the same week every run.
  const random = () => ((rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const categories = ctx.city.profile.categories.map((c) => c.id);
  const districts = ctx.city.districts;
  const cameras = ctx.store.cameras.list().map((c) => c.id);
  const citizen: Actor = { id: 'warga', role: 'citizen' };
  const supervisor: Actor = { id: 'supervisor-week', role: 'supervisor', name: 'Supervisor' };
  const operators = new Map<string, Actor>();
  const operatorOf = (agencyId: string) => operators.get(agencyId) ?? operators.set(agencyId, { id: `op-${agencyId}`, role: 'operator', agencyId, name: `Operator ${agencyId}` }).get(agencyId)!;
  const fieldOf = (agencyId: string): Actor => {
    const acc = ctx.store.accounts.fieldSupervisors(agencyId).find((a) => !a.disabled);
    return { id: acc?.id ?? `pengawas-${agencyId}`, role: 'field', agencyId, name: acc?.name ?? 'Pengawas' };
  };
  let photo: Buffer | null = null;
  let hourIndex = 0;
  const open: number[] = [];
  const counts = { reports: 0, actions: 0, flags: 0, cameraChanges: 0, refused: 0 };

  function place(): { lat: number; lon: number } {
    const d = pick(districts);
    const lon = d.label[0] + (random() - 0.5) * 0.01;
    const lat = d.label[1] + (random() - 0.5) * 0.01;
    const area = ctx.city.outline;
    return contains(area, lon, lat) ? { lat, lon } : { lat: d.label[1], lon: d.label[0] };
  }

  async function act(id: number) {
    const r = ctx.store.reports.get(id);
    if (!r) return;
    const op = operatorOf(r.agencyId);
    const field = fieldOf(r.agencyId);
    const roll = random();
    let res;
    switch (r.status) {
      case 'new':
        res = roll < 0.08 ? await actOnReport(ctx, op, id, { action: 'reject', reason: 'Bukan wewenang kota' }) : await actOnReport(ctx, op, id, { action: 'dispatch', assigneeId: field.id });
        break;
      case 'dispatched':
        res = await actOnReport(ctx, field, id, { action: 'accept' });
        break;
      case 'in_progress':
        res = roll < 0.3
          ? await actOnReport(ctx, op, id, { action: 'note', reason: 'Petugas masih di lokasi' })
          : await actOnReport(ctx, field, id, { action: 'submit_proof', proof: { photos: r.photos.slice(0, 1), note: 'Selesai', location: null, capturedAt: null, flags: [], distanceM: null } });
        break;
      case 'proof_submitted':
        res = roll < 0.1 ? await actOnReport(ctx, op, id, { action: 'return_proof', reason: 'Foto kurang jelas' }) : await actOnReport(ctx, op, id, { action: 'verify' });
        break;
      case 'verified':
        res = roll < 0.05 ? await actOnReport(ctx, op, id, { action: 'reopen', reason: 'Pelapor: belum beres' }) : await actOnReport(ctx, op, id, { action: 'close' });
        break;
      default:
        return;
    }
    if (res.ok) counts.actions++;
    else counts.refused++;
  }

  /** One simulated hour: new reports, work on older ones, the deadline sweep, a camera or two changing. */
  async function hour() {
    const at = new Date(start.getTime() + hourIndex * 3600_000);
    hourIndex++;
    photo ??= await cachedScenePhoto('sampah', 7, 96, 72);
    // The room works 08:00–18:00 city time; citizens report around the clock, fewer at night.
    const hourOfDay = wallClock(at, ctx.city.clock).getUTCHours();
    const day = hourOfDay >= 6 && hourOfDay < 22;
    const n = day ? perHour : Math.max(1, Math.round(perHour / 3));
    for (let i = 0; i < n; i++) {
      setNow(new Date(at.getTime() + i * 60_000));
      const res = await submitReport(ctx, citizen, { category: pick(categories), description: 'Laporan warga minggu simulasi', channel: 'web', ...place() }, [photo]);
      if (res.ok) {
        counts.reports++;
        open.push(res.value.id);
      } else counts.refused++;
    }
    const working = hourOfDay >= 8 && hourOfDay < 18;
    if (working) {
      setNow(new Date(at.getTime() + 30 * 60_000));
      // Work moves on for a slice of the open reports; the oldest first, as a queue does.
      const batch = open.splice(0, Math.ceil(open.length * 0.35));
      for (const id of batch) {
        await act(id);
        const s = ctx.store.reports.get(id)?.status;
        if (s && s !== 'closed' && s !== 'rejected' && s !== 'merged') open.push(id);
      }
      for (let i = 0; i < 3 && open.length; i++) {
        const res = await actOnReport(ctx, supervisor, pick(open), { action: 'note', reason: 'Dipantau supervisor' });
        if (res.ok) counts.actions++;
      }
    }
    setNow(new Date(at.getTime() + 50 * 60_000));
    counts.flags += (await sweepDeadlines(ctx, 5000)).length;
    // Cameras flap: each goes dark for a few hours now and then and comes back (one probe an hour stands for the
    // monitor's many; health changes only after several failures in a row, as in the room).
    for (const id of cameras) {
      const down = (hourIndex + id.length * 3) % 13 < 4;
      const probeAt = new Date(at.getTime() + 40 * 60_000).toISOString();
      const before = ctx.store.cameras.get(id)?.health;
      setNow(new Date(probeAt));
      const health = await recordProbe(ctx, id, { at: probeAt, ok: !down, latencyMs: 120, hash: down ? null : `${id}-${hourIndex}`, luma: down ? null : 110, error: down ? 'timeout' : null });
      if (health && health !== before) counts.cameraChanges++;
    }
    setNow(new Date(at.getTime() + 3600_000));
  }

  return { hour, counts, get hours() { return hourIndex; } };
}
