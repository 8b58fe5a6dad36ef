import { and, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { TOperator, TOperatorListQuery, TViolation } from '../../../contracts/operator';
import type { Db } from '../../db/client';
import { operators, operatorViolations } from '../../db/schema';
import { contains } from '../../lib/like';
import { orderDirection } from '../../lib/xlsx';

type Row = typeof operators.$inferSelect;

export function toOperator(r: Row): TOperator {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.creditCode,
    legalRepName: r.legalRepName,
    legalRepIdMasked: r.legalRepIdMasked,
    tradeRegistration: r.tradeRegistration,
    capabilities: r.capabilities as TOperator['capabilities'],
    premises: r.premises,
    contactPhone: r.contactPhone,
    qualificationStatus: r.qualificationStatus,
    isDemo: r.isDemo,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listOperators(db: Db, q: TOperatorListQuery, limit: number, offset: number) {
  const conds: SQL[] = [];
  if (q.qualificationStatus) conds.push(eq(operators.qualificationStatus, q.qualificationStatus));
  if (q.q) {
    const c = or(ilike(operators.name, contains(q.q)), ilike(operators.creditCode, contains(q.q)));
    if (c) conds.push(c);
  }
  const where = conds.length ? and(...conds) : undefined;
  const { field, desc: d } = orderDirection(q.sort);
  const col = field === 'createdAt' ? operators.createdAt : operators.name;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(operators)
      .where(where)
      .orderBy(d ? desc(col) : asc(col), asc(operators.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(operators).where(where),
  ]);
  return { items: rows.map(toOperator), total: totals[0]?.n ?? 0 };
}

export async function findOperatorRow(db: Db, id: number): Promise<Row | undefined> {
  return (await db.select().from(operators).where(eq(operators.id, id)).limit(1))[0];
}

export async function findOperatorByCreditCode(db: Db, creditCode: string) {
  return (
    await db.select({ id: operators.id }).from(operators).where(eq(operators.creditCode, creditCode)).limit(1)
  )[0];
}

export async function listViolations(db: Db, operatorId: number): Promise<TViolation[]> {
  const rows = await db
    .select()
    .from(operatorViolations)
    .where(eq(operatorViolations.operatorId, operatorId))
    .orderBy(desc(operatorViolations.occurredOn), desc(operatorViolations.id));
  return rows.map((r) => ({
    id: r.id,
    occurredOn: r.occurredOn,
    description: r.description,
    source: r.source,
    recordedBy: r.recordedByName,
    recordedAt: r.recordedAt.toISOString(),
  }));
}
