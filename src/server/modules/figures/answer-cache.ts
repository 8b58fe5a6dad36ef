import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import type { SessionUser } from '../../lib/access/session-user';
import { Lru } from '../../lib/lru';
import { type FiguresFamily, readFiguresVersion } from './figures-version';

/*
 * An answer cache for pages made of figures (decision 0031), never stale: an answer is kept under (the family's data
 * version, the caller's key) and computed in a REPEATABLE READ read-only transaction whose first read is that version
 * — one snapshot — so an entry is exactly what a read at its version gives. A change bumps the version in its own
 * transaction, after which every reader looks under the new version and the old entries age out of the LRU. No TTL:
 * a time bound would serve stale answers for its length and recompute unchanged ones after it.
 *
 * One cache per database handle (a WeakMap on it): two databases in one process (tests) never share entries, and each
 * app instance keeps its own — the version row keeps them all correct. The key must hold everything else the answer
 * depends on: the scope (role and its region, park, centre or enterprise), the query, the day, the locale.
 */

export const ANSWER_CACHE_ENTRIES = 2_000;
export const ANSWER_CACHE_BYTES = 64 * 1024 * 1024;

interface Cache {
  lru: Lru<unknown>;
  /** Answers being computed, by version and key: twenty callers of one cold page wait for one computation. */
  inFlight: Map<string, Promise<unknown>>;
}

const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
  let c = caches.get(db);
  if (!c) {
    c = { lru: new Lru(ANSWER_CACHE_ENTRIES, ANSWER_CACHE_BYTES), inFlight: new Map() };
    caches.set(db, c);
  }
  return c;
}

/**
 * The answer for `key` at the family's current version: from the cache, else `compute(tx)` in one snapshot (its
 * version read first), kept under the version it read. The answer is shared between callers: they must not change it.
 */
export async function cachedFiguresAnswer<T>(
  db: Db,
  family: FiguresFamily,
  key: string,
  compute: (tx: Db) => Promise<T>,
): Promise<T> {
  const cache = cacheOf(db);
  const seen = await readFiguresVersion(db, family);
  const k = `${family}:${seen}:${key}`;
  const hit = cache.lru.get(k) as T | undefined;
  if (hit !== undefined) return hit;
  const running = cache.inFlight.get(k) as Promise<T> | undefined;
  if (running) return running;
  const work = db
    .transaction(
      async (tx) => {
        // The version and the figures in one snapshot: the answer is that of `version`, never older.
        const version = await readFiguresVersion(tx, family);
        const answer = await compute(tx);
        cache.lru.set(`${family}:${version}:${key}`, answer, JSON.stringify(answer).length);
        return answer;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    )
    .finally(() => cache.inFlight.delete(k));
  cache.inFlight.set(k, work);
  return work;
}

/**
 * The database's snapshot as text (`xmin:xmax:in-progress xids`, pg_current_snapshot): two reads give the same text
 * exactly when no transaction that writes has begun or ended between them — read-only statements take no transaction
 * id — so it names the data a reader can see without any writer having to record a version (decision 0034).
 */
export async function currentSnapshot(db: Db): Promise<string> {
  const [r] = rowsOf<{ s: string }>(await db.execute(sql`select pg_current_snapshot()::text as s`));
  return r?.s ?? '';
}

/**
 * The answer for `key` as of the database's snapshot (decision 0034), for pages made of many sources — a home page
 * reads centres, engagements, changes, the service figures, rectifications, grades, funds and the running cycle, and
 * a version bumped by every use case that touches one of them would be a row every writer locks. Keyed by the
 * snapshot read first, an answer is never older than its key: `compute` runs after that read, so each of its
 * statements sees at least every commit the snapshot shows (it may see later ones — a fresher answer under an older
 * key, which a later reader reaches only if no write has ended since). Any writing transaction that begins or ends
 * moves the snapshot, so the next request computes again. Single flight as above; `compute` reads with `db` as it
 * would uncached (the pool, in parallel).
 */
export async function cachedSnapshotAnswer<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const cache = cacheOf(db);
  const k = `snapshot:${await currentSnapshot(db)}:${key}`;
  const hit = cache.lru.get(k) as T | undefined;
  if (hit !== undefined) return hit;
  const running = cache.inFlight.get(k) as Promise<T> | undefined;
  if (running) return running;
  const work = compute()
    .then((answer) => {
      cache.lru.set(k, answer, JSON.stringify(answer).length);
      return answer;
    })
    .finally(() => cache.inFlight.delete(k));
  cache.inFlight.set(k, work);
  return work;
}

/**
 * The scope a cached answer depends on: the role and its region, park, centre, enterprise or evaluation agency —
 * never the user (two city users of one city share an entry; two cities never do). Every cache key starts with it.
 */
export const scopeKeyOf = (user: SessionUser) => [
  user.role,
  user.regionCode ?? null,
  user.parkId ?? null,
  user.centreId ?? null,
  user.enterpriseId ?? null,
  user.evaluatorId ?? null,
];

/** Entries and bytes held for a database handle (tests, the bench's notes). */
export function answerCacheStats(db: Db): { entries: number; bytes: number } {
  const c = caches.get(db);
  return { entries: c?.lru.size ?? 0, bytes: c?.lru.totalBytes ?? 0 };
}
