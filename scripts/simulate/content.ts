import type { City } from '../../server/profile/load.js';
import type { Area } from '../../server/domain/geography.js';
import { contains } from '../../server/domain/geography.js';
import type { Channel } from '../../server/contract/reports.js';

/** What citizens of an Indonesian city write, per category. {jalan} is filled with a street name. */
const TEXTS: Record<string, string[]> = {
  'jalan-rusak': [
    'Jalan berlubang cukup dalam di {jalan}, sudah ada pengendara motor yang jatuh. Mohon segera diperbaiki.',
    'Aspal di {jalan} mengelupas sepanjang kurang lebih 50 meter, berbahaya saat hujan.',
    'Ada lubang besar di tengah {jalan} dekat lampu merah, tolong ditambal.',
  ],
  banjir: [
    'Banjir setinggi lutut orang dewasa di {jalan}, air masuk ke rumah warga.',
    'Genangan air di {jalan} tidak surut sejak subuh, kendaraan kecil tidak bisa lewat.',
    'Air meluap dari kali ke permukiman dekat {jalan}, warga butuh bantuan.',
  ],
  saluran: [
    'Saluran air di {jalan} tersumbat sampah, air meluber ke jalan setiap hujan.',
    'Gorong-gorong di {jalan} mampet dan berbau, mohon dikeruk.',
  ],
  macet: [
    'Macet total di {jalan} sudah lebih dari satu jam, lampu lalu lintas mati.',
    'Kendaraan parkir liar di {jalan} bikin macet panjang di jam berangkat kerja.',
  ],
  sampah: [
    'Sampah menumpuk di pinggir {jalan} sudah tiga hari tidak diangkut, baunya menyengat.',
    'Tempat pembuangan sampah liar di {jalan}, warga buang sampah sembarangan.',
    'Bak sampah di {jalan} penuh dan meluber ke jalan.',
  ],
  'pohon-tumbang': [
    'Pohon tumbang menutupi separuh badan {jalan} setelah hujan angin.',
    'Dahan pohon besar di {jalan} hampir patah dan menggantung di atas kabel listrik.',
  ],
  pju: [
    'Lampu PJU di {jalan} mati sudah seminggu, jalan gelap dan rawan begal.',
    'Tiga tiang lampu jalan berturut-turut padam di {jalan}.',
  ],
  ketertiban: [
    'Pedagang kaki lima memakan badan jalan di {jalan}, pejalan kaki terpaksa turun ke jalan.',
    'Bangunan liar berdiri di atas saluran air di {jalan}.',
  ],
  kesehatan: [
    'Banyak jentik nyamuk di genangan dekat {jalan}, beberapa warga kena DBD. Mohon fogging.',
    'Warga di sekitar {jalan} mengeluh diare setelah banjir, mohon pemeriksaan kesehatan.',
  ],
};

const STREETS = [
  'Jl. Daan Mogot', 'Jl. MH Thamrin', 'Jl. Jenderal Sudirman', 'Jl. Imam Bonjol', 'Jl. KH Hasyim Ashari', 'Jl. Gatot Subroto',
  'Jl. Perintis Kemerdekaan', 'Jl. Raden Saleh', 'Jl. Ciledug Raya', 'Jl. Pembangunan', 'Jl. Marsekal Suryadarma',
  'Jl. Halim Perdana Kusuma', 'Jl. Benteng Betawi', 'Jl. Moh. Toha', 'Jl. Kisamaun', 'Jl. Veteran', 'Jl. Teuku Umar',
  'Jl. Pajajaran', 'Jl. Prabu Siliwangi', 'Jl. Otto Iskandar Dinata',
];

/** How often each category comes in, roughly as a city's complaint desk sees it. */
const CATEGORY_WEIGHTS: Record<string, number> = {
  'jalan-rusak': 22, sampah: 22, pju: 12, banjir: 10, saluran: 10, macet: 9, ketertiban: 7, 'pohon-tumbang': 5, kesehatan: 3,
};

export const CITIZEN_CHANNELS: readonly Channel[] = ['web', 'app'];
export const STAFF_CHANNELS: readonly Channel[] = ['phone', 'sms', 'social', 'kim', 'walk_in'];

export type Rng = () => number;
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

export function pickWeighted(rng: Rng, weights: Record<string, number>): string {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let x = rng() * total;
  for (const [k, w] of Object.entries(weights)) if ((x -= w) < 0) return k;
  return Object.keys(weights)[0];
}

export function pickCategory(rng: Rng, city: City): string {
  const known = Object.fromEntries(city.profile.categories.map((c) => [c.id, CATEGORY_WEIGHTS[c.id] ?? 5]));
  return pickWeighted(rng, known);
}

export function describe(rng: Rng, categoryId: string): { description: string; address: string } {
  const street = pick(rng, STREETS);
  const template = pick(rng, TEXTS[categoryId] ?? ['Mohon ditindaklanjuti masalah di {jalan}.']);
  return { description: template.replace('{jalan}', street), address: `${street} No. ${1 + Math.floor(rng() * 200)}` };
}

/** A random point inside the area, by rejection sampling its bounding box. */
export function pointIn(rng: Rng, area: Area, near?: { lng: number; lat: number; radius: number }): { lng: number; lat: number } {
  const [w, s, e, n] = area.bbox;
  for (let i = 0; i < 500; i++) {
    const lng = near ? near.lng + (rng() - 0.5) * 2 * near.radius : w + rng() * (e - w);
    const lat = near ? near.lat + (rng() - 0.5) * 2 * near.radius : s + rng() * (n - s);
    if (contains(area, lng, lat)) return { lng: round6(lng), lat: round6(lat) };
  }
  return { lng: area.label[0], lat: area.label[1] };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
