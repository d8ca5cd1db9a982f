import { lang } from '../../lib/i18n';
import type { CameraState } from './theme';

/** The CCTV parts of the wall (map alerts, header count, the camera grid), in Bahasa Indonesia or English (?lang=en). */
const id = {
  state: { online: 'AKTIF', degraded: 'TERGANGGU', offline: 'OFFLINE', unknown: 'BELUM DIKETAHUI' } satisfies Record<CameraState, string>,
  /** Why a camera is degraded or offline (the hub's reason). */
  reason: {
    ok: '',
    failed: 'tidak menjawab',
    slow: 'lambat',
    frozen: 'gambar beku',
    black: 'gambar hitam',
    no_data: 'belum ada data',
  } as Record<string, string>,
  alertDead: 'KAMERA MATI',
  alertTrouble: 'KAMERA BERMASALAH',
  since: 'sejak',
  acknowledged: 'diketahui operator',
  moreAlerts: (n: number) => `+${n} kamera lain bermasalah`,
  headerCount: (online: number, total: number) => `${online}/${total}`,
  headerCountLabel: 'kamera aktif',
  screenTitle: 'CCTV',
  lastGood: 'Terakhir bagus',
  never: 'belum pernah',
  justNow: 'baru saja',
  minutesAgo: (n: number) => `${n} mnt lalu`,
  hoursAgo: (n: number) => `${n} jam lalu`,
  daysAgo: (n: number) => `${n} hari lalu`,
  uptime: 'Aktif',
  h24: '24 jam',
  d7: '7 hari',
  noImage: 'Belum ada gambar',
  noCameras: 'Kota ini belum punya kamera.',
  summary: { online: 'Aktif', degraded: 'Terganggu', offline: 'Offline' },
};
type Dict = typeof id;
const en: Dict = {
  state: { online: 'ONLINE', degraded: 'DEGRADED', offline: 'OFFLINE', unknown: 'UNKNOWN' },
  reason: { ok: '', failed: 'not answering', slow: 'slow', frozen: 'frozen picture', black: 'black picture', no_data: 'no data yet' },
  alertDead: 'CAMERA DOWN',
  alertTrouble: 'CAMERA TROUBLE',
  since: 'since',
  acknowledged: 'acknowledged',
  moreAlerts: (n) => `+${n} more cameras with trouble`,
  headerCount: (online, total) => `${online}/${total}`,
  headerCountLabel: 'cameras online',
  screenTitle: 'CCTV',
  lastGood: 'Last good',
  never: 'never',
  justNow: 'just now',
  minutesAgo: (n) => `${n} min ago`,
  hoursAgo: (n) => `${n} h ago`,
  daysAgo: (n) => `${n} d ago`,
  uptime: 'Uptime',
  h24: '24 h',
  d7: '7 d',
  noImage: 'No picture yet',
  noCameras: 'This city has no cameras yet.',
  summary: { online: 'Online', degraded: 'Degraded', offline: 'Offline' },
};
export const ct: Dict = lang === 'en' ? en : id;

/** "12 mnt lalu": how long ago, coarse enough for a wall. */
export function ago(iso: string | null, now: number): string {
  if (!iso) return ct.never;
  const min = Math.floor((now - Date.parse(iso)) / 60_000);
  if (min < 1) return ct.justNow;
  if (min < 60) return ct.minutesAgo(min);
  const h = Math.floor(min / 60);
  if (h < 48) return ct.hoursAgo(h);
  return ct.daysAgo(Math.floor(h / 24));
}

/** "99 %" / "99%", or a dash when the hub has no record for the window. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '–';
  const p = share * 100;
  // 99.96 % is not 100 %: a camera that was down for minutes must not read as perfect.
  const shown = p >= 99.95 ? '100' : p >= 99 ? p.toFixed(1).replace('.', lang === 'en' ? '.' : ',') : String(Math.floor(p));
  return `${shown}%`;
}
