import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { tradeIntakes, users } from '../../db/schema';

/** The intake a user made with an idempotency key, if any. */
export async function findIntakeByKey(db: Db, userId: number, key: string) {
  const [row] = await db
    .select({ requestHash: tradeIntakes.requestHash, result: tradeIntakes.result, status: tradeIntakes.status })
    .from(tradeIntakes)
    .where(and(eq(tradeIntakes.userId, userId), eq(tradeIntakes.idempotencyKey, key)));
  return row;
}

/** A page of intakes matching `where`, newest first, with the name of who made each. */
export async function selectIntakes(db: Db, where: SQL, limit: number, offset: number) {
  return db
    .select({
      id: tradeIntakes.id,
      source: tradeIntakes.source,
      channel: tradeIntakes.channel,
      userName: users.displayName,
      fileName: tradeIntakes.fileName,
      status: tradeIntakes.status,
      declarations: tradeIntakes.declarations,
      lines: tradeIntakes.lines,
      duplicates: tradeIntakes.duplicates,
      result: tradeIntakes.result,
      createdAt: tradeIntakes.createdAt,
    })
    .from(tradeIntakes)
    .leftJoin(users, eq(users.id, tradeIntakes.userId))
    .where(where)
    .orderBy(desc(tradeIntakes.createdAt), desc(tradeIntakes.id))
    .limit(limit)
    .offset(offset);
}

export async function countIntakes(db: Db, where: SQL): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(tradeIntakes).where(where);
  return Number(r?.n ?? 0);
}
