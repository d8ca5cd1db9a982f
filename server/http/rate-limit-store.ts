import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { StepStore } from '../store/ports.js';

/**
 * express-rate-limit's Store over the shared counters (store/rate-limit-hits.ts, through the runs' port on either
 * store): every hub on one store counts the same hits, where the library's memory store would give each hub its own
 * allowance. One per limiter, its `prefix` keeping the limiters' keys apart (the login and intake limiters both count
 * `ip:<address>`). Writes are the store's `write`: on SQLite grouped with the turn's others and not flushed on their
 * own (with synchronous = FULL a hit committed alone would cost an fsync per request); a count is a brake, not a
 * record.
 */
export class SharedRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  constructor(
    private readonly store: StepStore,
    readonly prefix: string,
    private readonly now: () => Date,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }
  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.store.query((p) => p.runs.limitHits(this.prefix + key, this.now()));
  }
  increment(key: string): Promise<ClientRateLimitInfo> {
    return this.store.write((p) => p.runs.hitLimit(this.prefix + key, this.now(), this.windowMs));
  }
  decrement(key: string): Promise<void> {
    return this.store.write((p) => p.runs.unhitLimit(this.prefix + key, this.now()));
  }
  resetKey(key: string): Promise<void> {
    return this.store.write((p) => p.runs.resetLimit(this.prefix + key));
  }
}

/** Makes the store of one limiter, named by what it limits. */
export type LimitStores = (name: string) => Store;

export const sharedLimitStores = (store: StepStore, now: () => Date): LimitStores => (name) => new SharedRateLimitStore(store, `${name}|`, now);
