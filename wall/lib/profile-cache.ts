import type { PublicProfile } from '../../server/contract/profile';
import { request } from './api';
import { useCityZone } from './time';

const KEY = 'pantau.profile';

/**
 * The city profile for the phone screens: asked once (no endless retry, the phone may be offline), kept in
 * localStorage so labels still show offline. Null only when it was never loaded on this phone.
 */
export async function loadProfileCached(): Promise<PublicProfile | null> {
  try {
    const p = await request<PublicProfile>('/api/profile', { timeoutMs: 15_000 });
    useCityZone(p.timeZone);
    try {
      localStorage.setItem(KEY, JSON.stringify(p));
    } catch {
      /* storage full or refused: fine */
    }
    return p;
  } catch {
    return cachedProfile();
  }
}

export function cachedProfile(): PublicProfile | null {
  try {
    const s = localStorage.getItem(KEY);
    const p = s ? (JSON.parse(s) as PublicProfile) : null;
    useCityZone(p?.timeZone);
    return p;
  } catch {
    return null;
  }
}
