import type { ApiClientView } from '../contract/api-clients.js';
import type { IndicatorHistoryEntry, IndicatorValue } from '../contract/indicators.js';
import type { Display, RevokedDisplay } from './displays.js';
import type { DisplayRow, StoredLayout } from './display-layouts.js';
import type { LogEvent, StoredEvent } from './events.js';
import type { Projected } from './projections/types.js';
import { now, type Step } from './step.js';
import type { Store } from './index.js';

/**
 * What the room's set-up commands (API keys, paired displays and their layouts, indicator figures) read and write,
 * on either store (server/store/step.ts): SQLite's below, PostgreSQL's in pg/room-writes.ts.
 */
export interface RoomWrites {
  /** Appends an event and applies it to every projection. */
  append(e: LogEvent): Step<{ seq: number; stored: StoredEvent } & Projected>;
  apiClient(id: string): Step<ApiClientView | null>;
  /** Every API client, live ones first, newest first. */
  apiClients(): Step<ApiClientView[]>;
  /** The client holding a key, by its hash (revoked or not). */
  apiClientByKeyHash(hash: string): Step<ApiClientView | null>;
  /** The display paired with this token hash and not revoked. */
  activeDisplay(tokenHash: string): Step<Display | null>;
  /** A display, revoked or not. */
  display(id: string): Step<Display | null>;
  /** A display that is paired and not revoked, with when it was last seen. */
  pairedDisplay(id: string): Step<DisplayRow | null>;
  addDisplay(id: string, name: string, tokenHash: string, at: string, pairedBy: string | null): Step<void>;
  revokeDisplay(id: string, at: string, by: string): Step<void>;
  layout(displayId: string): Step<StoredLayout | null>;
  /** Every display's assigned layout. */
  layouts(): Step<StoredLayout[]>;
  /** The displays paired and not revoked, by name. */
  pairedDisplays(): Step<DisplayRow[]>;
  /** Who paired each display (null for one paired before that was kept). */
  pairedBy(): Step<Map<string, string | null>>;
  /** The displays revoked most recently, newest first. */
  revokedDisplays(limit: number): Step<RevokedDisplay[]>;
  indicatorValue(indicatorId: string, period: string): Step<IndicatorValue | null>;
  /** One indicator's recorded and corrected figures, newest first, at most `limit`. */
  indicatorHistory(indicatorId: string, limit: number): Step<IndicatorHistoryEntry[]>;
  /** Every indicator's values from `fromPeriod` on, by indicator and period. */
  indicatorValues(fromPeriod: string): Step<IndicatorValue[]>;
}

/** SQLite's: every call answered at once. */
export function sqliteRoomWrites(store: Store): RoomWrites {
  return {
    append: (e) => now(store.projector.append(e)),
    apiClient: (id) => now(store.apiClients.get(id)),
    apiClients: () => now(store.apiClients.list()),
    layouts: () => now(store.layouts.all()),
    pairedDisplays: () => now(store.layouts.displays()),
    pairedBy: () => now(store.displays.pairedBy()),
    revokedDisplays: (limit) => now(store.displays.revokedRecently(limit)),
    apiClientByKeyHash: (hash) => now(store.apiClients.byKeyHash(hash)),
    activeDisplay: (tokenHash) => now(store.displays.findActive(tokenHash)),
    display: (id) => now(store.displays.get(id)),
    pairedDisplay: (id) => now(store.layouts.display(id)),
    addDisplay: (id, name, tokenHash, at, pairedBy) => now(store.displays.add(id, name, tokenHash, at, pairedBy)),
    revokeDisplay: (id, at, by) => now(store.displays.revoke(id, at, by)),
    layout: (displayId) => now(store.layouts.get(displayId)),
    indicatorValue: (indicatorId, period) => now(store.indicators.get(indicatorId, period)),
    indicatorValues: (fromPeriod) => now(store.indicators.list(fromPeriod)),
    indicatorHistory: (indicatorId, limit) => now(store.indicators.history(indicatorId, limit)),
  };
}
