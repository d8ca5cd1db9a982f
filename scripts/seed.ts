import { oneCityConfig } from '../server/installation.js';
import { loadConfig, type Config } from '../server/config.js';
import { openHubStore } from '../server/store/open.js';
import type { StepStore } from '../server/store/ports.js';
import { Store } from '../server/store/index.js';
import { loadCity, type City } from '../server/profile/load.js';
import { MediaFiles } from '../server/media/files.js';
import { PhotoQueue } from '../server/media/photo-queue.js';
import { submitReport } from '../server/commands/submit-report.js';
import { actOnReport } from '../server/commands/act-on-report.js';
import { submitProof } from '../server/commands/submit-proof.js';
import type { Ctx } from '../server/commands/context.js';
import type { Action, Command } from '../server/domain/reports.js';
import type { Actor } from '../server/contract/roles.js';
import { scenePhoto, mulberry } from './simulate/scene-photo.js';
import { seedAccounts } from './seed-accounts.js';
import { seedDemoIndicators } from './seed-indicators.js';
import { CITIZEN_CHANNELS, STAFF_CHANNELS, describe as describeReport, pick, pickCategory, pointIn, type Rng } from './simulate/content.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** One step of a seeded report's history, placed on the city's timeline. */
type Step = { at: number; reportIndex: number; action: Action | 'submit'; actor: 'citizen' | 'operator' | 'field'; cmd?: Omit<Command, 'action'> };

const SUBMITTER: Actor = { id: 'citizen', role: 'citizen' };

/**
 * Fills a store with `count` reports over the last `days` days, in every state, through the same
 * commands the hub uses: every seeded report is a real event history, not a row written directly.
 */
export async function seedDemo(ctx: Ctx, opts: { count: number; days: number; now: Date; seed?: number }): Promise<number> {
  const rng: Rng = mulberry(opts.seed ?? 20261123);
  const { city } = ctx;
  const clock = { t: opts.now.getTime() - opts.days * DAY - HOUR };
  const seededCtx: Ctx = { ...ctx, now: () => new Date(clock.t) };
  const accounts = await seedAccounts(seededCtx);
  const { operatorOf } = accounts;
  // Spread the jobs over both field supervisors of an agency.
  const fieldOf = (agencyId: string, i: number) => accounts.fieldOf(agencyId, 1 + (i % 2));
  const photos = new Map<string, Buffer[]>();
  const proofPhotos = new Map<string, Buffer[]>();
  for (const c of city.profile.categories) {
    photos.set(c.id, await Promise.all([1, 2, 3].map((i) => scenePhoto(c.id, i * 97 + c.id.length, 640, 480))));
    proofPhotos.set(c.id, await Promise.all([1, 2].map((i) => scenePhoto(c.id, i * 31 + c.id.length, 640, 480, { fixed: true }))));
  }

  const end = opts.now.getTime();
  const start = end - opts.days * DAY;
  const births = Array.from({ length: opts.count }, () => start + Math.pow(rng(), 0.8) * (end - start - 10 * 60_000)).sort((a, b) => a - b);
  const steps: Step[] = [];
  const ids: number[] = [];
  const agencyOf: string[] = [];
  const categoryOf: string[] = [];

  // Submissions and lifecycle steps run in time order, so the event log reads as the city's month did.
  births.forEach((born, i) => {
    steps.push({ at: born, reportIndex: i, action: 'submit', actor: 'citizen' });
    planHistory(rng, steps, i, born, end);
  });
  steps.sort((a, b) => a.at - b.at);

  for (const s of steps) {
    clock.t = s.at;
    if (s.action === 'submit') {
      const categoryId = pickCategory(rng, city);
      const district = pick(rng, city.districts);
      const { lng, lat } = pointIn(rng, district);
      const staffFiled = rng() < 0.3;
      const { description, address } = describeReport(rng, categoryId);
      const agencyId = city.profile.categories.find((c) => c.id === categoryId)!.agencyId;
      const r = await submitReport(seededCtx, staffFiled ? operatorOf(agencyId) : SUBMITTER, {
        category: categoryId, description, lat, lon: lng, address,
        channel: staffFiled ? pick(rng, STAFF_CHANNELS) : pick(rng, CITIZEN_CHANNELS),
        reporterName: pick(rng, ['Budi Santoso', 'Siti Aminah', 'Agus Salim', 'Dewi Lestari', 'Rina Marlina', 'Joko Susilo']),
        reporterContact: `08${Math.floor(1e9 + rng() * 9e9)}`,
      }, [pick(rng, photos.get(categoryId)!)]);
      if (!r.ok) throw new Error(`seeding failed: ${r.message}`);
      ids[s.reportIndex] = r.value.id;
      agencyOf[s.reportIndex] = r.value.agencyId;
      categoryOf[s.reportIndex] = categoryId;
      continue;
    }
    const cmd: Command = { action: s.action, ...s.cmd };
    if (s.action === 'merge') {
      // A duplicate is about the same problem: merge into the latest earlier report of the same category (the hub
      // refuses a merge across categories); with none, the report just stays in the queue.
      let j = s.reportIndex - 1;
      while (j >= 0 && (categoryOf[j] !== categoryOf[s.reportIndex] || ids[j] === undefined)) j--;
      if (j < 0) continue;
      cmd.intoReportId = ids[j];
    }
    const agencyId = agencyOf[s.reportIndex];
    if (s.action === 'dispatch') cmd.assigneeId = fieldOf(agencyId, s.reportIndex).id;
    const actor = s.actor === 'field' ? fieldOf(agencyId, s.reportIndex) : s.actor === 'operator' ? operatorOf(agencyId) : SUBMITTER;
    const res = s.action === 'submit_proof'
      ? await submitProof(seededCtx, actor, ids[s.reportIndex], { clientId: `seed-proof-${s.reportIndex}`, note: 'Pekerjaan selesai.' }, [pick(rng, proofPhotos.get(categoryOf[s.reportIndex])!)])
      : await actOnReport(seededCtx, actor, ids[s.reportIndex], cmd);
    if (!res.ok && res.code !== 'conflict') throw new Error(`seeding step ${s.action} failed: ${res.message}`);
  }
  return ids.length;
}

/** The older a report, the further along SIGAP it is likely to be; some never move. */
function planHistory(rng: Rng, steps: Step[], i: number, born: number, end: number) {
  const age = (end - born) / DAY;
  const fate = rng();
  let t = born;
  const next = (maxHours: number) => (t = Math.min(end - 60_000, t + (0.1 + rng()) * maxHours * HOUR));
  if (fate < 0.05 && age > 0.2) return steps.push({ at: next(6), reportIndex: i, action: 'reject', actor: 'operator', cmd: { reason: 'Bukan kewenangan pemerintah kota' } });
  if (fate < 0.08 && age > 0.2 && i > 0) return steps.push({ at: next(6), reportIndex: i, action: 'merge', actor: 'operator', cmd: { reason: 'Laporan ganda' } });
  const progress = Math.min(1, age / 6) * (0.6 + rng() * 0.5);
  if (progress < 0.1) return;
  steps.push({ at: next(3), reportIndex: i, action: 'check', actor: 'operator' });
  if (progress < 0.2) return;
  steps.push({ at: next(4), reportIndex: i, action: 'dispatch', actor: 'operator', cmd: { instruction: 'Tangani hari ini dan unggah foto bukti.' } });
  if (progress < 0.35) return;
  steps.push({ at: next(6), reportIndex: i, action: 'accept', actor: 'field' });
  if (progress < 0.5) return;
  steps.push({ at: next(24), reportIndex: i, action: 'submit_proof', actor: 'field' });
  if (progress < 0.6) return;
  steps.push({ at: next(6), reportIndex: i, action: 'verify', actor: 'operator' });
  if (progress < 0.8) return;
  steps.push({ at: next(24), reportIndex: i, action: 'close', actor: 'operator' });
}

/** The commands' context over the SQLite file of `config`, to seed it (tests read its tables through `store`). */
export function openSeedCtx(config = loadConfig()): { ctx: Ctx<Store>; city: City; store: Store } {
  const city = loadCity(config.city);
  const store = Store.open(config.dbFile, { clock: city.clock });
  return { ctx: seedCtx(config, city, store), city, store };
}

const seedCtx = <S extends StepStore>(config: Config, city: City, store: S): Ctx<S> => ({
  store, city, media: new MediaFiles(config.mediaDir), maxPhotoPixels: config.maxPhotoPixels, photoQueue: new PhotoQueue(config.photoLimits), now: () => new Date(), publish: () => {},
});

/** The commands' context over the store the hub would open (PANTAU_DATABASE_URL, else the SQLite file): what the scripts seed. */
export async function openSeedStore(config = loadConfig(), city = loadCity(config.city)): Promise<{ ctx: Ctx; close: () => Promise<void> }> {
  const opened = await openHubStore(config, city);
  return { ctx: { ...seedCtx(config, city, opened.store), ...(opened.areasAt ? { areasAt: opened.areasAt } : {}) }, close: opened.close };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 400);
  const { ctx, close } = await openSeedStore(oneCityConfig(loadConfig()));
  const n = await seedDemo(ctx, { count, days: 30, now: new Date() });
  const values = await seedDemoIndicators(ctx, new Date());
  console.log(`seeded ${n} reports and ${values} indicator values; event log at seq ${await ctx.store.query((p) => p.reports.headSeq())}`);
  await close();
}
