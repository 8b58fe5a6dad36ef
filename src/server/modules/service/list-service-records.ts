import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TServiceRecord, TServiceRecordListQuery } from '../../../contracts/service-record';
import type { RequestContext } from '../../context';
import { enterprises, serviceRatings, serviceRecords } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { serviceRecordScope } from '../../lib/access/scope';
import { contains } from '../../lib/like';
import { presentServiceRecord, selectServiceRecords } from './service-record.repository';

const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

/** Service records in scope with the list's filters (days are Beijing days), newest first by default. */
export async function listServiceRecords(
  ctx: RequestContext,
  q: TServiceRecordListQuery,
  limit: number,
  offset: number,
): Promise<{ items: TServiceRecord[]; total: number }> {
  const user = requireAction(ctx.user, 'service.read');
  const conds: SQL[] = [serviceRecordScope(user)];
  if (q.centreId) conds.push(eq(serviceRecords.centreId, q.centreId));
  if (q.enterpriseId) conds.push(eq(serviceRecords.enterpriseId, q.enterpriseId));
  if (q.cityCode) conds.push(eq(serviceRecords.cityCode, q.cityCode));
  if (q.countyCode) conds.push(eq(serviceRecords.countyCode, q.countyCode));
  if (q.category) conds.push(eq(serviceRecords.category, q.category));
  if (q.status?.length) conds.push(inArray(serviceRecords.status, q.status));
  if (q.channel) conds.push(eq(serviceRecords.channel, q.channel));
  if (q.from) conds.push(sql`${serviceRecords.submittedAt} >= ${dayStart(q.from).toISOString()}`);
  if (q.to) conds.push(sql`${serviceRecords.submittedAt} < ${nextDayStart(q.to).toISOString()}`);
  if (q.unrated === 'true')
    conds.push(
      sql`${serviceRecords.status} = 'completed' and not exists (select 1 from ${serviceRatings} where ${serviceRatings.recordId} = ${serviceRecords.id})`,
    );
  if (q.q)
    conds.push(
      or(
        ilike(serviceRecords.number, contains(q.q)),
        sql`${serviceRecords.enterpriseId} in (select ${enterprises.id} from ${enterprises} where ${ilike(enterprises.name, contains(q.q))} or ${ilike(enterprises.creditCode, contains(q.q))})`,
      ) as SQL,
    );
  const where = and(...conds);
  const order =
    q.sort === 'submittedAt'
      ? [asc(serviceRecords.submittedAt), asc(serviceRecords.id)]
      : [desc(serviceRecords.submittedAt), desc(serviceRecords.id)];
  const [rows, total] = await Promise.all([
    selectServiceRecords(ctx.deps.db)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
    ctx.deps.db.select({ n: count() }).from(serviceRecords).where(where),
  ]);
  return { items: rows.map(presentServiceRecord), total: total[0]?.n ?? 0 };
}
