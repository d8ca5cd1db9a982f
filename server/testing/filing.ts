import type { Filing } from '../commands/submit-report.js';
import type { City } from '../profile/load.js';
import { processPhoto, type ProcessedPhoto } from '../media/photos.js';
import { areaAt } from '../domain/geography.js';
import { photo } from './photos.js';

/** One photo as the hub processes it (sharp, the real thing), to file with fileReport directly. */
export async function processedPhoto(city: City): Promise<ProcessedPhoto> {
  const r = await processPhoto(await photo(), 'photos[0]', 40_000_000, city.clock.offset);
  if (!r.ok) throw new Error(r.message);
  return r.photo;
}

/** A citizen's web submission at a point inside Tangerang, checked and processed: what fileReport takes. */
export function testFiling(city: City, photos: ProcessedPhoto[], over: Partial<Filing> & { description?: string } = {}): Filing {
  const [lon, lat] = [106.63, -6.18];
  const category = city.profile.categories[0];
  const { description = 'Sampah menumpuk di depan pasar', ...rest } = over;
  return {
    actor: { id: 'citizen', role: 'citizen' },
    input: { category: category.id, description, lat, lon, channel: 'web' },
    category,
    place: { lng: lon, lat, precision: 'point', districtCode: areaAt(city.districts, lon, lat)?.code ?? null, subdistrictCode: areaAt(city.subdistricts, lon, lat)?.code ?? null },
    photos,
    photoCount: photos.length,
    look: null,
    trackKey: 'track-key-of-the-test',
    opts: {},
    now: new Date('2026-11-23T03:00:00Z'),
    ...rest,
  };
}
