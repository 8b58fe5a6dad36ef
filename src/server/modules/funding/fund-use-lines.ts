import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { TFundLine } from '../../../contracts/engagement';
import type { Db } from '../../db/client';
import { engagements } from '../../db/schema';

/**
 * Art. 11 "拨付资金具体使用范围应在三方合作协议中详细列明": the fund-use lines of the tripartite agreement under which
 * `operatorId` served `centreId` in `year` — the latest engagement whose service overlaps the year. None (no
 * agreement signed yet) → no lines, and every reported line is outside them.
 */
export async function agreementFundLines(
  db: Db,
  opts: { centreId: number; operatorId: number; year: number },
): Promise<{ agreementNumber: string | null; lines: TFundLine[] }> {
  const [row] = await db
    .select({ agreementNumber: engagements.agreementNumber, fundScope: engagements.fundScope })
    .from(engagements)
    .where(
      and(
        eq(engagements.centreId, opts.centreId),
        eq(engagements.operatorId, opts.operatorId),
        lte(engagements.serviceStart, `${opts.year}-12-31`),
        gte(sql`coalesce(${engagements.endedOn}, ${engagements.serviceEnd})`, `${opts.year}-01-01`),
      ),
    )
    .orderBy(desc(engagements.serviceStart))
    .limit(1);
  return { agreementNumber: row?.agreementNumber ?? null, lines: row?.fundScope ?? [] };
}
