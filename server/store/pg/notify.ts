import pg from 'pg';
import type { Logger } from 'pino';
import { quoteIdent } from './pool.js';

/** How long a listener whose connection failed waits before it connects again. */
const RECONNECT_MS = 1_000;

/**
 * The channel a schema's log notifies on (migration 019, the same rule): a city of several, in its city_ schema, on
 * its own, so its hubs are not woken by another city's commits; a database of one city on the one it always had.
 */
export function eventsChannel(schema: string | null): string {
  return schema?.startsWith('city_') ? `pantau_events_${schema}` : 'pantau_events';
}

/**
 * Listens for the log's commit notifications (migrations 018, 019) on a connection of its own and calls `onEvents`
 * for each. Best effort: the log followers still look every FOLLOW_EVERY_MS, so a lost connection costs latency, never an
 * event; it is opened again after RECONNECT_MS.
 */
export function listenForEvents(url: string, onEvents: () => void, log: Pick<Logger, 'warn'>, schema: string | null = null): { ready: Promise<void>; close: () => Promise<void> } {
  let listening!: () => void;
  const ready = new Promise<void>((r) => (listening = r));
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    if (closed) return;
    // keepAlive: a link that died without a reset is noticed, and LISTEN taken up again on a new one.
    const c = new pg.Client({ connectionString: url, keepAlive: true });
    client = c;
    const again = (err?: Error) => {
      if (closed || client !== c) return;
      client = null;
      if (err) log.warn({ err }, 'the log notifications connection failed; listening again shortly');
      void c.end().catch(() => {});
      retry = setTimeout(() => void connect(), RECONNECT_MS);
      retry.unref();
    };
    c.on('error', again);
    c.on('end', () => again());
    c.on('notification', () => onEvents());
    try {
      await c.connect();
      await c.query(`LISTEN ${quoteIdent(eventsChannel(schema))}`);
      listening();
      // What was committed while no one listened is read now, not at the next look.
      onEvents();
    } catch (err) {
      again(err as Error);
    }
  };
  void connect();
  return {
    /** Resolves once the first LISTEN is in place (a test waits for it). */
    ready,
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
