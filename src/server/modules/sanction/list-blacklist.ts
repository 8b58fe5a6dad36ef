import { and, count, desc, eq } from 'drizzle-orm';
import type { TLocale } from '../../../contracts/common';
import { SANCTION_GROUND_NAMES, type TBlacklistEntry } from '../../../contracts/sanction';
import type { Db } from '../../db/client';
import { operators, sanctions } from '../../db/schema';

/**
 * 黑名单 (Art. 14): the operators blacklisted, each with the letter that did it, published without sign-in — only
 * what the letter makes public (name, credit code, number, date, grounds), never the facts or the sums.
 */
export async function listBlacklist(
  db: Db,
  locale: TLocale,
  limit: number,
  offset: number,
): Promise<{ items: TBlacklistEntry[]; total: number }> {
  const where = and(eq(sanctions.kind, 'blacklist'), eq(operators.qualificationStatus, 'blacklisted'));
  const [rows, totals] = await Promise.all([
    db
      .select({
        operatorName: operators.name,
        creditCode: operators.creditCode,
        letterNumber: sanctions.letterNumber,
        decidedOn: sanctions.decidedOn,
        grounds: sanctions.grounds,
      })
      .from(sanctions)
      .innerJoin(operators, eq(operators.id, sanctions.operatorId))
      .where(where)
      .orderBy(desc(sanctions.decidedOn), desc(sanctions.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(sanctions).innerJoin(operators, eq(operators.id, sanctions.operatorId)).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      grounds: r.grounds.map((g) => `${SANCTION_GROUND_NAMES[g].article} ${SANCTION_GROUND_NAMES[g][locale]}`),
    })),
    total: totals[0]?.n ?? 0,
  };
}
