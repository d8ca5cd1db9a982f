import { lang } from '../../lib/i18n';

/** Words of the /lapor additions: the category grid, the map, progress and retries on a slow network. */
const id = {
  pickOnMap: 'Pilih titik di peta',
  mapHelp: 'Ketuk lokasi masalah di peta. Titik di luar batas kota dipindah ke dalam kota.',
  mapUse: 'Pakai titik ini',
  mapCancel: 'Batal',
  mapTapFirst: 'Ketuk peta dulu',
  mapLoading: 'Memuat peta…',
  mapFailed: 'Peta tidak bisa dimuat. Pakai lokasi ponsel atau pilih kecamatan.',
  snapped: 'Titik dipindah ke dalam batas kota',
  inDistrict: (name: string) => `Kecamatan ${name}`,
  pickedOnMap: 'Titik dipilih di peta',
  changePoint: 'Ubah titik',
  gpsOutside: 'Lokasi ponsel Anda di luar batas kota. Pilih titik masalahnya di peta.',
  sending: (pct: number) => `Mengirim… ${pct}%`,
  waiting: 'Foto terkirim, menunggu nomor tiket…',
  retrying: (n: number, of: number) => `Sinyal lemah. Mencoba lagi (${n}/${of})… laporan tidak akan terkirim dua kali.`,
  stillOffline: 'Laporan belum terkirim karena sinyal. Isian Anda tetap di sini: tekan "Kirim laporan" lagi saat sinyal ada. Laporan tidak akan terkirim dua kali.',
  tooFast: 'Terlalu banyak laporan dari jaringan ini dalam waktu singkat. Coba lagi beberapa menit lagi.',
};

const en: typeof id = {
  pickOnMap: 'Pick the spot on the map',
  mapHelp: 'Tap where the problem is. A spot outside the city boundary is moved inside the city.',
  mapUse: 'Use this spot',
  mapCancel: 'Cancel',
  mapTapFirst: 'Tap the map first',
  mapLoading: 'Loading the map…',
  mapFailed: 'The map could not load. Use your phone location or pick a district.',
  snapped: 'Spot moved inside the city boundary',
  inDistrict: (name: string) => `${name} district`,
  pickedOnMap: 'Spot picked on the map',
  changePoint: 'Change spot',
  gpsOutside: 'Your phone is outside the city boundary. Pick the spot of the problem on the map.',
  sending: (pct: number) => `Sending… ${pct}%`,
  waiting: 'Photos sent, waiting for the ticket number…',
  retrying: (n: number, of: number) => `Weak signal. Trying again (${n}/${of})… the report will not be sent twice.`,
  stillOffline: 'The report was not sent for lack of signal. Your answers are still here: press "Send report" again when you have signal. It will not be sent twice.',
  tooFast: 'Too many reports from this network in a short time. Try again in a few minutes.',
};

export const lt = lang === 'en' ? en : id;
