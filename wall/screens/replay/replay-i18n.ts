import { lang } from '../../lib/i18n';

/** The replay screen's words, in Bahasa Indonesia or English (?lang=en). */
const id = {
  badge: 'PUTAR ULANG',
  play: 'Putar',
  pause: 'Jeda',
  speed: 'Kecepatan',
  date: 'Tanggal',
  jump: 'Lompat ke',
  scrubber: 'Saat yang diputar',
  events: 'Kejadian',
  noEvents: 'Belum ada kejadian sampai saat ini.',
  loading: 'Memuat catatan kejadian…',
  needLogin: 'Putar ulang hanya untuk supervisor atau layar yang dipasangkan. Masuk lewat konsol lalu buka halaman ini lagi.',
  failed: 'Catatan kejadian tidak dapat dimuat.',
  perSecond: (x: number): string => (x === 60 ? '1 menit/dtk' : x === 600 ? '10 menit/dtk' : '1 jam/dtk'),
  replayOf: 'Putar ulang',
};
const en: typeof id = {
  badge: 'REPLAY',
  play: 'Play',
  pause: 'Pause',
  speed: 'Speed',
  date: 'Date',
  jump: 'Jump to',
  scrubber: 'Moment shown',
  events: 'Events',
  noEvents: 'Nothing has happened yet at this moment.',
  loading: 'Loading the event log…',
  needLogin: 'Replay is for supervisors or paired screens. Log in through the console, then open this page again.',
  failed: 'The event log could not be loaded.',
  perSecond: (x: number) => (x === 60 ? '1 min/s' : x === 600 ? '10 min/s' : '1 h/s'),
  replayOf: 'Replay',
};
export const rt = lang === 'en' ? en : id;
