import type { EventLog, LogEvent, StoredEvent } from './events.js';
import type { Projected, Projection } from './projections/types.js';

/**
 * The one way state changes: a command decides an event, the projector appends it and applies it to every
 * projection that folds its type, inside the caller's transaction. A rebuild feeds the same `project` the whole log.
 */
export class Projector {
  constructor(private readonly events: EventLog, readonly projections: readonly Projection[]) {}

  /** Appends the event and projects it; returns its seq and what changed. Call inside a transaction. */
  append(e: LogEvent): { seq: number; stored: StoredEvent } & Projected {
    const seq = this.events.append(e);
    const stored = { ...e, seq } as StoredEvent;
    return { seq, stored, ...this.project(stored) };
  }

  /** Applies one logged event to every projection that folds it. */
  project(e: StoredEvent): Projected {
    const out: Projected = {};
    for (const p of this.projections) if (p.handles(e.type)) Object.assign(out, p.project(e, out));
    return out;
  }
}
