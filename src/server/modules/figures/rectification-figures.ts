import { and, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rectifications } from '../../db/schema';
import { centreRecordScope, rectificationScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import type { FigureFilter } from './service-figures';

/*
 * 差评整改 figures. They depend on today (overdue = still open after the due day), so they are not kept in a table:
 * they are counted from the rectifications table, which stays small (one row per 差评), by the functions here — the
 * figures module remains the one place every figure comes from.
 */

/** The rectification backlog per centre (open or answered; open past due), today's whatever the window. */
export async function rectificationBacklog(
  db: Db,
  user: SessionUser,
  f: FigureFilter,
  today: string,
): Promise<{ centreId: number; open: number; overdue: number }[]> {
  const conds: SQL[] = [
    centreRecordScope(user, {
      cityCode: rectifications.cityCode,
      countyCode: rectifications.countyCode,
      centreId: rectifications.centreId,
    }),
    inArray(rectifications.status, ['open', 'answered']),
  ];
  if (f.cityCode) conds.push(eq(rectifications.cityCode, f.cityCode));
  if (f.countyCode) conds.push(eq(rectifications.countyCode, f.countyCode));
  if (f.centreId) conds.push(eq(rectifications.centreId, f.centreId));
  return db
    .select({
      centreId: rectifications.centreId,
      open: sql<number>`count(*)::int`.mapWith(Number),
      overdue:
        sql<number>`(count(*) filter (where ${rectifications.status} = 'open' and ${rectifications.dueOn} < ${today}))::int`.mapWith(
          Number,
        ),
    })
    .from(rectifications)
    .where(and(...conds))
    .groupBy(rectifications.centreId);
}

export type RectificationListKey = 'rectificationsDue' | 'rectificationsToFollowUp' | 'overdueRectifications';

/**
 * The rectifications of a home list in the caller's scope: the centre's to answer (open), the county's to follow
 * up (answered), the open ones past their due day (逾期未答复).
 */
export function rectificationsWhere(user: SessionUser, key: RectificationListKey, today: string): SQL {
  return and(
    rectificationScope(user),
    key === 'rectificationsToFollowUp' ? eq(rectifications.status, 'answered') : eq(rectifications.status, 'open'),
    key === 'overdueRectifications' ? sql`${rectifications.dueOn} < ${today}` : undefined,
  ) as SQL;
}

/** How many rectifications a home list holds (rectificationsWhere). */
export async function rectificationCount(
  db: Db,
  user: SessionUser,
  key: RectificationListKey,
  today: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(rectifications)
    .where(rectificationsWhere(user, key, today));
  return row?.n ?? 0;
}
