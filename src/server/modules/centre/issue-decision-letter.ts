import { and, eq, max, sql } from 'drizzle-orm';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { decisionLetters } from '../../db/schema';
import { ADVISORY_LOCK } from '../../lib/advisory-locks';
import { writeAudit } from '../../lib/audit';
import { beijingDay } from '../../policy/policy';

export type LetterKind = 'approval' | 'adjustment' | 'revocation';

const LEGAL_BASIS: Record<LetterKind, string> = {
  approval: '《湖北省对外贸易综合服务中心认定管理办法》第四条、第六条、第九条（二）（三）',
  adjustment: '《湖北省对外贸易综合服务中心认定管理办法》第九条（四）',
  revocation: '《湖北省对外贸易综合服务中心认定管理办法》第九条（四）',
};

/**
 * A numbered 决定书 (鄂商务外综决〔2026〕N号), in the caller's transaction. The serial is per year; an advisory lock
 * keeps two decisions at the same moment from taking one number.
 */
export async function issueDecisionLetter(
  tx: Db,
  ctx: RequestContext,
  opts: {
    kind: LetterKind;
    centreId: number;
    changeId: number | null;
    reason: string;
    content: Record<string, unknown>;
  },
  at: Date,
): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCK.decisionLetter})`);
  const issuedOn = beijingDay(at);
  const year = Number(issuedOn.slice(0, 4));
  const [last] = await tx
    .select({ n: max(decisionLetters.serial) })
    .from(decisionLetters)
    .where(and(eq(decisionLetters.year, year)));
  const serial = (last?.n ?? 0) + 1;
  const [row] = await tx
    .insert(decisionLetters)
    .values({
      year,
      serial,
      number: `鄂商务外综决〔${year}〕${serial}号`,
      kind: opts.kind,
      centreId: opts.centreId,
      changeId: opts.changeId,
      issuedOn,
      reason: opts.reason,
      legalBasis: LEGAL_BASIS[opts.kind],
      issuedBy: '湖北省商务厅',
      content: opts.content,
      createdAt: at,
    })
    .returning();
  if (!row) throw new Error('decision letter insert returned nothing');
  await writeAudit(tx, auditContext(ctx, at), {
    action: 'decision.issued',
    objectType: 'decision_letter',
    objectId: row.id,
    after: row,
  });
  return row.id;
}
