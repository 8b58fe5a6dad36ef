import { and, count, desc, eq, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  type TConsequence,
  type TConsequenceBasis,
  type TConsequenceListQuery,
  TENDER_PRIORITY_MESSAGE,
  type TTenderPriority,
} from '../../../contracts/assessment-results';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { assessmentConsequences, centres, operators, regions, users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { assessmentConsequenceScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { latestEngagementStartOf } from '../engagement';

const city = alias(regions, 'consequence_city');

const columns = {
  c: assessmentConsequences,
  centreName: centres.name,
  cityName: city.name,
  operatorName: operators.name,
  confirmedByName: users.displayName,
};

function query(db: Db, where: SQL | undefined) {
  return db
    .select(columns)
    .from(assessmentConsequences)
    .innerJoin(centres, eq(centres.id, assessmentConsequences.centreId))
    .innerJoin(city, eq(city.code, assessmentConsequences.cityCode))
    .leftJoin(operators, eq(operators.id, assessmentConsequences.operatorId))
    .leftJoin(users, eq(users.id, assessmentConsequences.confirmedBy))
    .where(where);
}

type Row = Awaited<ReturnType<typeof query>>[number];

function present(r: Row): TConsequence {
  return {
    id: r.c.id,
    kind: r.c.kind,
    status: r.c.status,
    centreId: r.c.centreId,
    centreName: r.centreName,
    cityName: r.cityName,
    operatorId: r.c.operatorId,
    operatorName: r.operatorName,
    year: r.c.year,
    article: r.c.article,
    basis: r.c.basis as TConsequenceBasis,
    createdAt: r.c.createdAt.toISOString(),
    confirmedAt: r.c.confirmedAt?.toISOString() ?? null,
    confirmedBy: r.confirmedByName,
    confirmComment: r.c.confirmComment,
    version: r.c.version,
  };
}

/** The consequences of published grades in the caller's scope (Art. 12(三)), newest year first. */
export async function listConsequences(
  ctx: RequestContext,
  q: TConsequenceListQuery,
  limit: number,
  offset: number,
): Promise<{ items: TConsequence[]; total: number }> {
  const user = requireAction(ctx.user, 'assessment.read');
  const conds: SQL[] = [assessmentConsequenceScope(user)];
  if (q.year) conds.push(eq(assessmentConsequences.year, q.year));
  if (q.kind) conds.push(eq(assessmentConsequences.kind, q.kind));
  if (q.status) conds.push(eq(assessmentConsequences.status, q.status));
  if (q.centreId) conds.push(eq(assessmentConsequences.centreId, q.centreId));
  const where = and(...conds);
  const db = ctx.deps.db;
  const [rows, totals] = await Promise.all([
    query(db, where)
      .orderBy(desc(assessmentConsequences.year), desc(assessmentConsequences.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(assessmentConsequences).where(where),
  ]);
  return { items: rows.map(present), total: totals[0]?.n ?? 0 };
}

/** One consequence through the caller's scope; outside it, not found. */
export async function getConsequence(ctx: RequestContext, id: number): Promise<TConsequence> {
  const user = requireAction(ctx.user, 'assessment.read');
  const [row] = await query(ctx.deps.db, and(eq(assessmentConsequences.id, id), assessmentConsequenceScope(user)));
  if (!row) throw new AppError('NOT_FOUND', { id });
  return present(row);
}

/**
 * Art. 12(三)(2): 考核评估位列"较差"档次的外综服中心，不享受当年资金支持政策. Is this centre (or, with `operatorId`, this
 * operator at any centre) barred from funds for `year`? For the funding's entitlement (issue 15): a published 较差
 * for that year is the whole rule; the row says which result and article.
 */
export async function isBarredFromFunds(
  db: Db,
  opts: { year: number; centreId?: number; operatorId?: number },
): Promise<{ barred: boolean; article: string | null; consequenceIds: number[] }> {
  const who: SQL[] = [];
  if (opts.centreId !== undefined) who.push(eq(assessmentConsequences.centreId, opts.centreId));
  if (opts.operatorId !== undefined) who.push(eq(assessmentConsequences.operatorId, opts.operatorId));
  if (who.length === 0) return { barred: false, article: null, consequenceIds: [] };
  const rows = await db
    .select({ id: assessmentConsequences.id, article: assessmentConsequences.article })
    .from(assessmentConsequences)
    .where(
      and(
        eq(assessmentConsequences.kind, 'no_funds'),
        eq(assessmentConsequences.year, opts.year),
        who.length === 1 ? who[0] : or(...who),
      ),
    );
  return { barred: rows.length > 0, article: rows[0]?.article ?? null, consequenceIds: rows.map((r) => r.id) };
}

/**
 * Art. 12(三)(3): the priority marks the county sees on operators when it records a tender. A mark counts for the
 * next round only: once the operator has started a contract period after the marked one ended, that was the round, and it is no
 * longer shown. The operator register is read by every official (decision 0009), so this is not region-scoped.
 */
export async function listTenderPriorities(ctx: RequestContext): Promise<{ items: TTenderPriority[] }> {
  requireAction(ctx.user, 'operator.read');
  const db = ctx.deps.db;
  const rows = await db
    .select({
      operatorId: assessmentConsequences.operatorId,
      centreId: assessmentConsequences.centreId,
      centreName: centres.name,
      article: assessmentConsequences.article,
      basis: assessmentConsequences.basis,
    })
    .from(assessmentConsequences)
    .innerJoin(centres, eq(centres.id, assessmentConsequences.centreId))
    .where(eq(assessmentConsequences.kind, 'tender_priority'))
    .orderBy(desc(assessmentConsequences.year));
  const items: TTenderPriority[] = [];
  const seen = new Set<number>();
  for (const r of rows) {
    if (r.operatorId === null || seen.has(r.operatorId)) continue;
    const basis = r.basis as TConsequenceBasis;
    const latest = await latestEngagementStartOf(db, r.operatorId);
    if (basis.serviceEnd && latest && latest > basis.serviceEnd) continue;
    seen.add(r.operatorId);
    items.push({
      operatorId: r.operatorId,
      centreId: r.centreId,
      centreName: r.centreName,
      years: basis.years.map((y) => y.year),
      article: r.article,
      message: TENDER_PRIORITY_MESSAGE,
    });
  }
  return { items };
}
