import { lang } from '../../lib/i18n';

const id = {
  next: 'Berikutnya',
  inSeconds: (s: number) => `dalam ${s} dtk`,
  alert: { critical: 'LAPORAN DARURAT', breach: 'LEWAT TENGGAT', camera: 'KAMERA MATI' },
  since: 'sejak',
  more: (n: number) => `+${n} lainnya`,
  waitingLayout: 'Menunggu tata letak dari hub…',
};
const en: typeof id = {
  next: 'Next',
  inSeconds: (s: number) => `in ${s} s`,
  alert: { critical: 'EMERGENCY REPORT', breach: 'PAST DEADLINE', camera: 'CAMERA DOWN' },
  since: 'since',
  more: (n: number) => `+${n} more`,
  waitingLayout: 'Waiting for the layout from the hub…',
};
export const lt = lang === 'en' ? en : id;
