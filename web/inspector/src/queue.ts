/**
 * The offline outbox: every change is queued in IndexedDB first and sent in order with its Idempotency-Key,
 * so that a retry after a lost connection never records anything twice.
 */
export interface QueuedOp {
  seq?: number;
  inspectionId: string;
  kind: 'command' | 'evidence';
  path: string;
  body: Record<string, unknown>;
  key: string;
  file?: Blob;
  evidenceKind?: 'photo' | 'signature';
  error?: string;
}

const DB = 'inspector';
let db: Promise<IDBDatabase> | undefined;
function open(): Promise<IDBDatabase> {
  db ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      request.result.createObjectStore('cache');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return db;
}

function tx<T>(store: string, mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (d) =>
      new Promise<T>((resolve, reject) => {
        const request = run(d.transaction(store, mode).objectStore(store));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      }),
  );
}

export const enqueue = (op: QueuedOp) => tx('outbox', 'readwrite', (s) => s.add(op));
export const pending = () => tx<QueuedOp[]>('outbox', 'readonly', (s) => s.getAll() as IDBRequest<QueuedOp[]>);
export const done = (seq: number) => tx('outbox', 'readwrite', (s) => s.delete(seq));
/** Puts a refused step back in line, as it was (the inspector chose to retry it). */
export const retry = (op: QueuedOp) => tx('outbox', 'readwrite', (s) => s.put(op));
export const markFailed = (op: QueuedOp, error: string) => tx('outbox', 'readwrite', (s) => s.put({ ...op, error }));
export const cacheGet = <T>(key: string) => tx<T | undefined>('cache', 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
export const cachePut = (key: string, value: unknown) => tx('cache', 'readwrite', (s) => s.put(value, key));
