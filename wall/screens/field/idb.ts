/**
 * The few IndexedDB calls the field screen needs, by hand: one database, an `outbox` store keyed by the
 * command's clientId, and a `kv` store for the cached job list and the log of what was sent.
 */
const DB_NAME = 'pantau-field';
const DB_VERSION = 1;
export const OUTBOX = 'outbox';
export const KV = 'kv';

let opening: Promise<IDBDatabase> | null = null;

export function openDb(): Promise<IDBDatabase> {
  if (!opening) {
    opening = new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'clientId' });
        if (!db.objectStoreNames.contains(KV)) db.createObjectStore(KV);
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab upgrading the database: let go, open again next time.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('IndexedDB blocked by another tab'));
    });
    opening.catch(() => (opening = null));
  }
  return opening;
}

/** One request in its own transaction; resolves when the transaction has committed, not just the request. */
async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? req.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

export const idbGetAll = <T>(store: string) => run<T[]>(store, 'readonly', (s) => s.getAll() as IDBRequest<T[]>);
export const idbGet = <T>(store: string, key: IDBValidKey) => run<T | undefined>(store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
export const idbPut = (store: string, value: unknown, key?: IDBValidKey) => run(store, 'readwrite', (s) => s.put(value, key)).then(() => undefined);
export const idbDelete = (store: string, key: IDBValidKey) => run(store, 'readwrite', (s) => s.delete(key)).then(() => undefined);
