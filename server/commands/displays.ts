import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';
import type { Actor } from '../contract/roles.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Pairs a wall display: the token is shown once; only its hash is stored. It never expires unless revoked. */
export function pairDisplay(store: Store, name: string, now: Date, token = randomBytes(24).toString('base64url')): { id: string; token: string } {
  const existing = store.displays.findActive(hashToken(token));
  if (existing) return { id: existing.id, token };
  const id = randomUUID();
  store.displays.add(id, name, hashToken(token), now.toISOString());
  return { id, token };
}

export function displayActor(store: Store, token: string | undefined | null): Actor | null {
  if (!token || token.length < 24 || token.length > 200) return null;
  const d = store.displays.findActive(hashToken(token));
  return d ? { id: `display:${d.id}`, role: 'wall', name: d.name } : null;
}
