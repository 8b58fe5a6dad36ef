import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TRecovery, TRecoveryQuery } from '../../../contracts/funding-payments';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import {
  centres,
  fundPayments,
  fundRecoveries,
  fundRecoveryReceipts,
  operators,
  regions,
  sanctions,
} from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { recoveryScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';

const city = alias(regions, 'recovery_city');

function query(db: Db, where: SQL | undefined) {
  return db
    .select({
      r: fundRecoveries,
      letterNumber: sanctions.letterNumber,
      sanctionKind: sanctions.kind,
      operatorName: operators.name,
      centreName: centres.name,
      cityName: city.name,
      paymentVoucher: fundPayments.voucherNumber,
    })
    .from(fundRecoveries)
    .innerJoin(sanctions, eq(sanctions.id, fundRecoveries.sanctionId))
    .innerJoin(operators, eq(operators.id, fundRecoveries.operatorId))
    .innerJoin(centres, eq(centres.id, fundRecoveries.centreId))
    .innerJoin(city, eq(city.code, fundRecoveries.cityCode))
    .innerJoin(fundPayments, eq(fundPayments.id, fundRecoveries.paymentId))
    .where(where);
}

type Row = Awaited<ReturnType<typeof query>>[number];

async function present(db: Db, rows: Row[]): Promise<TRecovery[]> {
  const ids = rows.map((r) => r.r.id);
  const receipts = ids.length
    ? await db
        .select()
        .from(fundRecoveryReceipts)
        .where(inArray(fundRecoveryReceipts.recoveryId, ids))
        .orderBy(asc(fundRecoveryReceipts.id))
    : [];
  return rows.map((row) => {
    const r = row.r;
    return {
      id: r.id,
      paymentId: r.paymentId,
      sanctionId: r.sanctionId,
      letterNumber: row.letterNumber,
      sanctionKind: row.sanctionKind,
      operatorId: r.operatorId,
      operatorName: row.operatorName,
      centreId: r.centreId,
      centreName: row.centreName,
      cityName: row.cityName,
      year: Number(r.year),
      paymentVoucher: row.paymentVoucher,
      dueFen: r.dueFen,
      recoveredFen: r.recoveredFen,
      remainingFen: r.dueFen - r.recoveredFen,
      status: r.status,
      receipts: receipts
        .filter((x) => x.recoveryId === r.id)
        .map((x) => ({
          amountFen: x.amountFen,
          receivedOn: x.receivedOn,
          voucherNumber: x.voucherNumber,
          recordedByName: x.recordedByName,
        })),
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    };
  });
}

/** 追回清单 (Art. 14): payments listed for recovery by a sanction, in the caller's scope, open ones first. */
export async function listRecoveries(
  ctx: RequestContext,
  q: TRecoveryQuery,
  limit: number,
  offset: number,
): Promise<{ items: TRecovery[]; total: number }> {
  const user = requireAction(ctx.user, 'funding.read');
  const conds: SQL[] = [recoveryScope(user)];
  if (q.status) conds.push(eq(fundRecoveries.status, q.status));
  if (q.operatorId) conds.push(eq(fundRecoveries.operatorId, q.operatorId));
  if (q.year) conds.push(eq(fundRecoveries.year, q.year));
  const where = and(...conds);
  const db = ctx.deps.db;
  const [rows, totals] = await Promise.all([
    query(db, where)
      .orderBy(asc(fundRecoveries.status), desc(fundRecoveries.createdAt), desc(fundRecoveries.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(fundRecoveries).where(where),
  ]);
  return { items: await present(db, rows), total: totals[0]?.n ?? 0 };
}

export async function getRecovery(ctx: RequestContext, id: number): Promise<TRecovery> {
  const user = requireAction(ctx.user, 'funding.read');
  const db = ctx.deps.db;
  const rows = await query(db, and(eq(fundRecoveries.id, id), recoveryScope(user)));
  const [item] = await present(db, rows);
  if (!item) throw new AppError('NOT_FOUND', { id });
  return item;
}
