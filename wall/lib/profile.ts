import type { PublicProfile } from '../../server/contract/profile';
import type { Lang } from './i18n';
import { useCityZone } from './time';
import { request } from './api';

const RETRY_MS = 5_000;

/** The city profile from the hub; a wall that starts before the hub keeps asking until it answers. */
export async function fetchProfile(): Promise<PublicProfile> {
  for (;;) {
    try {
      const p = await request<PublicProfile>('/api/profile');
      // Every time the screen prints follows the city's zone from here on.
      useCityZone(p.timeZone);
      return p;
    } catch {
      /* hub not up yet */
    }
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

/** Label lookups a screen needs from the profile, built once. */
export function profileLabels(p: PublicProfile, lang: Lang) {
  const categories = new Map(p.categories.map((c) => [c.id, c.label[lang]]));
  const districts = new Map(p.districts.map((d) => [d.code, d.name]));
  return {
    category: (id: string) => categories.get(id) ?? id,
    district: (code: string | null) => (code ? districts.get(code) ?? null : null),
  };
}
export type ProfileLabels = ReturnType<typeof profileLabels>;

/** The map's credit line in the screen's language (a profile cached before it had both is a plain string). */
export function attributionOf(p: PublicProfile, lang: Lang): string {
  const a = p.attribution as PublicProfile['attribution'] | string;
  return typeof a === 'string' ? a : a[lang];
}
