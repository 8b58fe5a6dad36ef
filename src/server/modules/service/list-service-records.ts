import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TServiceRecord, TServiceRecordListQuery } from '../../../contracts/service-record';
import type { RequestContext } from '../../context';
import { enterprises, serviceRecords } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { serviceRecordScope } from '../../lib/access/scope';
import { contains } from '../../lib/like';
import { countCapped, type ListTotal, totalFields } from '../../lib/list-count';
import type { ListPage } from '../../lib/list-route';
import { beijingDay } from '../../policy/policy';
import { serviceRecordTotal } from '../figures';
import { presentServiceRecord, selectServiceRecords } from './service-record.repository';

const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

/**
 * Service records in scope with the list's filters (days are Beijing days), newest first by default.
 *
 * The page is read in two steps in one statement (decision 0017): first its ids from service_records alone, in the
 * list's order from the index that serves the caller's scope (province, city, county, park, centre, enterprise: each
 * has an index on (scope column, submitted_at, id)), then the names — centre, enterprise, regions, staff — for those
 * rows only. So page 50 reads the 1,000 index entries before it and joins 20 rows, not 1,020.
 */
export async function listServiceRecords(
  ctx: RequestContext,
  q: TServiceRecordListQuery,
  limit: number,
  offset: number,
): Promise<ListPage<TServiceRecord>> {
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
  // Art. 8: completed and not yet rated, from the record's own copy of its rating (the partial unrated index).
  if (q.unrated === 'true')
    conds.push(sql`${serviceRecords.status} = 'completed' and ${serviceRecords.ratingLevel} is null`);
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
  const db = ctx.deps.db;
  const pageIds = db
    .select({ id: serviceRecords.id })
    .from(serviceRecords)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);

  // The exact total where the figures layer keeps it (scope, status, category, channel, whole months, centre); where
  // it cannot answer (free text, an enterprise, day-precise dates …) the list counts up to its cap.
  const totalOf = async (): Promise<ListTotal> => {
    const exact = await serviceRecordTotal(db, user, q, beijingDay(ctx.deps.clock()));
    return exact === null
      ? countCapped(db, db.select({ one: sql`1` }).from(serviceRecords).where(where), ctx.deps.config.listCountCap)
      : { total: exact, capped: false };
  };
  const [rows, total] = await Promise.all([
    selectServiceRecords(db)
      .where(inArray(serviceRecords.id, pageIds))
      .orderBy(...order),
    totalOf(),
  ]);
  return { items: rows.map(presentServiceRecord), ...totalFields(total) };
}
