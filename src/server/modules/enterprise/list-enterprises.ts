import { and, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { TEnterprise, TEnterpriseListQuery, TUpdateEnterpriseRequest } from '../../../contracts/enterprise';
import { auditContext, type RequestContext } from '../../context';
import { enterprises } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { enterpriseScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { contains } from '../../lib/like';
import { countCapped, totalFields } from '../../lib/list-count';
import type { ListPage } from '../../lib/list-route';
import { beijingDay } from '../../policy/policy';
import { bumpFiguresVersion } from '../figures';
import { enterpriseIdIs, findEnterprise, presentEnterprise, selectEnterprises } from './enterprise.repository';
import { checkParticulars } from './enterprise-particulars';

/** Enterprises in the caller's reach, newest first; pending registrations are what reviewers filter for. */
export async function listEnterprises(
  ctx: RequestContext,
  q: TEnterpriseListQuery,
  limit: number,
  offset: number,
): Promise<ListPage<TEnterprise>> {
  const user = requireAction(ctx.user, 'enterprise.read');
  const conds: SQL[] = [enterpriseScope(user)];
  if (q.status) conds.push(eq(enterprises.status, q.status));
  if (q.cityCode) conds.push(eq(enterprises.cityCode, q.cityCode));
  if (q.countyCode) conds.push(eq(enterprises.countyCode, q.countyCode));
  if (q.parkId) conds.push(eq(enterprises.parkId, q.parkId));
  if (q.q) conds.push(or(ilike(enterprises.name, contains(q.q)), ilike(enterprises.creditCode, contains(q.q))) as SQL);
  const where = and(...conds);
  const db = ctx.deps.db;
  // Counted up to twice the lists' cap (20,000 by default, SPEC §6's whole register), so that the province sees the
  // register's exact size while a free-text search over it stops counting there (decision 0017).
  const [rows, total] = await Promise.all([
    selectEnterprises(db)
      .where(where)
      .orderBy(desc(enterprises.createdAt), desc(enterprises.id))
      .limit(limit)
      .offset(offset),
    countCapped(db, db.select({ one: sql`1` }).from(enterprises).where(where), 2 * ctx.deps.config.listCountCap),
  ]);
  return { items: rows.map(presentEnterprise), ...totalFields(total) };
}

export async function getEnterprise(ctx: RequestContext, id: number): Promise<TEnterprise> {
  const user = requireAction(ctx.user, 'enterprise.read');
  const e = await findEnterprise(ctx.deps.db, enterpriseIdIs(id, enterpriseScope(user)));
  if (!e) throw new AppError('NOT_FOUND', { id });
  return e;
}

/** An enterprise corrects its own contacts, park, trade record (not its credit code or county). */
export async function updateEnterprise(
  ctx: RequestContext,
  id: number,
  input: TUpdateEnterpriseRequest,
): Promise<TEnterprise> {
  const user = requireAction(ctx.user, 'enterprise.updateSelf');
  const db = ctx.deps.db;
  const [row] = await db
    .select()
    .from(enterprises)
    .where(enterpriseIdIs(id, enterpriseScope(user)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id });
  if (row.version !== input.version) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
  const now = ctx.deps.clock();
  const { version: _v, ...changes } = input;
  // The same checks as at registration, on the particulars as they will stand (code and county unchanged).
  const p = await checkParticulars(db, { ...row, ...changes, creditCode: row.creditCode }, beijingDay(now));
  const set = {
    ...Object.fromEntries(Object.keys(changes).map((k) => [k, p[k as keyof typeof p]])),
    hasTradeRecord: p.hasTradeRecord,
    firstTradeOn: p.firstTradeOn,
  };
  await db.transaction(async (tx) => {
    // The trade monitoring shows the enterprise's name (新开口, before/after): its cached answers go (decision 0031).
    // The version row before the enterprise's, as an intake takes them (its figures' version, then 有进出口实绩):
    // the other order could deadlock with an intake of this enterprise.
    if (p.name !== row.name) await bumpFiguresVersion(tx, 'trade');
    const done = await tx
      .update(enterprises)
      .set({ ...set, version: row.version + 1, updatedAt: now })
      .where(and(eq(enterprises.id, id), eq(enterprises.version, input.version)))
      .returning({ id: enterprises.id });
    if (done.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, row[k as keyof typeof row]]));
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'enterprise.updated',
      objectType: 'enterprise',
      objectId: id,
      before,
      after: set,
    });
  });
  return getEnterprise(ctx, id);
}
