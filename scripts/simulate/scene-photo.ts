import sharp from 'sharp';

/** Palette per category, so a simulated photo of rubbish does not look like one of a flood. */
const SCENES: Record<string, { sky: string; ground: string; accent: string }> = {
  'jalan-rusak': { sky: '#8fa9c4', ground: '#4a4a4a', accent: '#2b2118' },
  banjir: { sky: '#6d7f8f', ground: '#6b5a3e', accent: '#8a7250' },
  saluran: { sky: '#9fb4c7', ground: '#5d5d52', accent: '#3d4a2f' },
  macet: { sky: '#c7b89f', ground: '#3f3f3f', accent: '#c0392b' },
  sampah: { sky: '#a7c4d6', ground: '#6f6448', accent: '#2e8b57' },
  'pohon-tumbang': { sky: '#7f9fb5', ground: '#4f6b3a', accent: '#5b3a1e' },
  pju: { sky: '#1b2433', ground: '#2d2d2d', accent: '#f1c40f' },
  ketertiban: { sky: '#b7c9d9', ground: '#7a7a7a', accent: '#34495e' },
  kesehatan: { sky: '#d6e4ea', ground: '#9aa5a8', accent: '#e74c3c' },
};

/**
 * A JPEG that looks like a phone photo of the scene (with EXIF, as a phone would send it),
 * so the hub's real sharp pipeline has real work to do.
 */
export async function scenePhoto(categoryId: string, seed: number, width = 1280, height = 960, opts: { fixed?: boolean } = {}): Promise<Buffer> {
  const s = SCENES[categoryId] ?? SCENES['jalan-rusak'];
  const rnd = mulberry(seed);
  // After the work is done (a proof photo), the scene is mostly clear.
  const blobs = Array.from({ length: opts.fixed ? 2 : 14 }, () => {
    const x = Math.round(rnd() * width);
    const y = Math.round(height * (0.55 + rnd() * 0.4));
    const r = Math.round(20 + rnd() * 90);
    return `<ellipse cx="${x}" cy="${y}" rx="${r * 1.6}" ry="${r * 0.6}" fill="${s.accent}" opacity="${(0.4 + rnd() * 0.5).toFixed(2)}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="55%" fill="${s.sky}"/>
    <rect y="55%" width="100%" height="45%" fill="${s.ground}"/>${blobs}
    <text x="40" y="${height - 40}" font-family="DejaVu Sans" font-size="40" fill="#ffffff" opacity="0.8">#${seed}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).withExif({ IFD0: { Make: 'Simulated', Model: 'Pantau citizen' } }).toBuffer();
}

export function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
