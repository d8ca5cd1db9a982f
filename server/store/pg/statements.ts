import type pg from 'pg';
import { later, type Step } from '../step.js';

/**
 * A port's statements on a transaction's connection, each a round trip a step yields (server/store/step.ts): the first
 * row or null, or nothing. Named, so each is parsed once per connection.
 */
export function statements(client: pg.PoolClient) {
  return {
    first: <T>(name: string, text: string, values: unknown[]): Step<T | null> => later(client.query({ name, text, values }).then((r) => (r.rows[0] as T | undefined) ?? null)),
    run: (name: string, text: string, values: unknown[]): Step<void> => later(client.query({ name, text, values }).then(() => undefined)),
  };
}
