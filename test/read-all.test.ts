import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll, rowsOf } from '../src/server/db/client';
import { createTestDatabase, type TestDatabase } from './helpers/db';

/**
 * readAll (db/client.ts): independent reads overlap on the database handle and run one after another on a
 * transaction's single client (node-postgres deprecates overlapping queries on a client; pg 9 removes them).
 */
describe('readAll', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  /** Each read notes when it starts and ends; a pause between lets another start meanwhile if it may. */
  const reads = (db: TestDatabase['db'], log: string[]) =>
    ['a', 'b'].map((name) => async () => {
      log.push(`start ${name}`);
      const [r] = rowsOf<{ n: number }>(await db.execute(sql`select 1 as n`));
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${name}`);
      return r?.n;
    });

  it('starts every read at once on the database handle, and answers in order', async () => {
    const log: string[] = [];
    expect(await readAll(database.db, reads(database.db, log))).toEqual([1, 1]);
    expect(log.slice(0, 2)).toEqual(['start a', 'start b']);
  });

  it('runs them one after another inside a transaction, and answers in order', async () => {
    const log: string[] = [];
    const answer = await database.db.transaction(async (tx) => readAll(tx, reads(tx, log)));
    expect(answer).toEqual([1, 1]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
