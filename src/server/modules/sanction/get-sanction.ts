import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import {
  type TSanction,
  type TSanctionEffects,
  type TSanctionListItem,
  type TSanctionQuery,
  ZSanctionEffects,
} from '../../../contracts/sanction';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { centres, fundPayments, fundRecoveries, operators, sanctions } from '../../db/schema';
import { can } from '../../lib/access/permissions';
import { requireAction } from '../../lib/access/require-access';
import { centreRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { listOwnerFiles, toStoredFile } from '../attachment/attachment-files';

/*
 * Reading the decisions (Art. 13, 14). A decision is on an operator, and operators are the province-wide register
 * every official reads (decision 0009); the blacklist is even public (Art. 14). So every holder of sanction.read
 * reads every decision with its effects as the letter states them. How each recovery stands now (what was received)
 * is the funding of a centre's year: each reader sees those of its own region only (centreRecordScope).
 */

const EMPTY_EFFECTS: TSanctionEffects = {
  qualificationBefore: 'qualified',
  qualificationAfter: 'qualified',
  engagementsEnded: [],
  recoveryCalledFor: false,
  recoveries: [],
  recoveryTotalFen: 0,
};

export function effectsOf(raw: unknown): TSanctionEffects {
  const parsed = ZSanctionEffects.safeParse(raw);
  return parsed.success ? parsed.data : EMPTY_EFFECTS;
}

const columns = { s: sanctions, operatorName: operators.name, creditCode: operators.creditCode };

function query(db: Db, where: SQL | undefined) {
  return db.select(columns).from(sanctions).innerJoin(operators, eq(operators.id, sanctions.operatorId)).where(where);
}

type Row = Awaited<ReturnType<typeof query>>[number];

function presentItem(r: Row): TSanctionListItem {
  const effects = effectsOf(r.s.effects);
  return {
    id: r.s.id,
    kind: r.s.kind,
    operatorId: r.s.operatorId,
    operatorName: r.operatorName,
    creditCode: r.creditCode,
    grounds: r.s.grounds,
    letterNumber: r.s.letterNumber,
    decidedOn: r.s.decidedOn,
    effectiveOn: r.s.effectiveOn,
    consequenceId: r.s.consequenceId,
    engagementsEnded: effects.engagementsEnded.length,
    recoveryTotalFen: effects.recoveryTotalFen,
  };
}

/** GET /api/sanctions: newest decision first, filtered by kind and operator. */
export async function listSanctions(
  ctx: RequestContext,
  q: TSanctionQuery,
  limit: number,
  offset: number,
): Promise<{ items: TSanctionListItem[]; total: number }> {
  requireAction(ctx.user, 'sanction.read');
  const conds: SQL[] = [];
  if (q.kind) conds.push(eq(sanctions.kind, q.kind));
  if (q.operatorId) conds.push(eq(sanctions.operatorId, q.operatorId));
  const where = conds.length ? and(...conds) : undefined;
  const db = ctx.deps.db;
  const [rows, totals] = await Promise.all([
    query(db, where).orderBy(desc(sanctions.decidedOn), desc(sanctions.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(sanctions).where(where),
  ]);
  return { items: rows.map(presentItem), total: totals[0]?.n ?? 0 };
}

/** The recoveries a decision listed, as they stand now, within the reader's region. */
async function recoveriesOf(db: Db, user: SessionUser, sanctionId: number) {
  const rows = await db
    .select({ r: fundRecoveries, centreName: centres.name, paidOn: fundPayments.paidOn })
    .from(fundRecoveries)
    .innerJoin(centres, eq(centres.id, fundRecoveries.centreId))
    .innerJoin(fundPayments, eq(fundPayments.id, fundRecoveries.paymentId))
    .where(
      and(
        eq(fundRecoveries.sanctionId, sanctionId),
        centreRecordScope(user, {
          cityCode: fundRecoveries.cityCode,
          countyCode: fundRecoveries.countyCode,
          centreId: fundRecoveries.centreId,
        }),
      ),
    )
    .orderBy(asc(fundRecoveries.id));
  return rows.map(({ r, centreName, paidOn }) => ({
    recoveryId: r.id,
    paymentId: r.paymentId,
    centreId: r.centreId,
    centreName,
    year: Number(r.year),
    paidOn,
    dueFen: r.dueFen,
    recoveredFen: r.recoveredFen,
    status: r.status,
  }));
}

/** The decision's row, or not found (404): every holder of sanction.read reads every decision (see above). */
export async function findSanction(ctx: RequestContext, id: number) {
  const user = requireAction(ctx.user, 'sanction.read');
  const [row] = await query(ctx.deps.db, eq(sanctions.id, id)).limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id });
  return { user, row };
}

/** GET /api/sanctions/:id: the decision with its effects, the recoveries as they stand and its evidence. */
export async function getSanction(ctx: RequestContext, id: number): Promise<TSanction> {
  const { user, row } = await findSanction(ctx, id);
  const db = ctx.deps.db;
  const effects = effectsOf(row.s.effects);
  const files = await listOwnerFiles(db, { kind: 'sanction', sanctionId: id });
  return {
    ...presentItem(row),
    facts: row.s.facts,
    policyVersion: row.s.policyVersion,
    decidedByName: row.s.decidedByName,
    createdAt: row.s.createdAt.toISOString(),
    effects,
    recoveries: await recoveriesOf(db, user, id),
    attachments: files.map(toStoredFile),
    canUpload: can(user.role, 'sanction.decide'),
  };
}
