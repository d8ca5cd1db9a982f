import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Store as PantauStore } from '../store/index.js';

/**
 * express-rate-limit's Store over the shared counters (store/rate-limit-hits.ts): every hub on one store counts the
 * same hits, where the library's memory store would give each hub its own allowance. One per limiter, its `prefix`
 * keeping the limiters' keys apart (the login and intake limiters both count `ip:<address>`). Writes go through the
 * group commit: with synchronous = FULL a hit committed alone would cost an fsync per request, grouped the hits of
 * one turn of the event loop share one with each other and with the intake's own writes.
 */
export class SharedRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  constructor(
    private readonly store: PantauStore,
    readonly prefix: string,
    private readonly now: () => Date,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }
  get(key: string): ClientRateLimitInfo | undefined {
    return this.store.rateLimitHits.get(this.prefix + key, this.now());
  }
  // Not durable: a count is a brake, not a record; a power cut may forget seconds of it, a killed hub never does
  // (and a batch that also holds an intake is flushed for that one).
  increment(key: string): Promise<ClientRateLimitInfo> {
    return this.store.txGrouped(() => this.store.rateLimitHits.hit(this.prefix + key, this.now(), this.windowMs), undefined, false);
  }
  decrement(key: string): Promise<void> {
    return this.store.txGrouped(() => this.store.rateLimitHits.unhit(this.prefix + key, this.now()), undefined, false);
  }
  resetKey(key: string): Promise<void> {
    return this.store.txGrouped(() => this.store.rateLimitHits.reset(this.prefix + key), undefined, false);
  }
}

/** Makes the store of one limiter, named by what it limits. */
export type LimitStores = (name: string) => Store;

export const sharedLimitStores = (store: PantauStore, now: () => Date): LimitStores => (name) => new SharedRateLimitStore(store, `${name}|`, now);
