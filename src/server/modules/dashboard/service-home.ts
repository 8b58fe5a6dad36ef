import { and, asc, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { HOME_LIST_LIMIT, type THomeList } from '../../../contracts/dashboard';
import type { TMessage } from '../../../contracts/message';
import type { TServiceCategory } from '../../../contracts/service-category';
import type { Db } from '../../db/client';
import { enterprises, messages, rectifications, serviceRecords } from '../../db/schema';
import { serviceRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { OPEN_STATUSES, rectificationCount, rectificationsWhere, serviceRecordCount, unratedCount } from '../figures';
import { homeItem, homeList, iso } from './home-list';

/**
 * Completed and not rated: the record carries its rating's level (decision 0017), so this is the partial index
 * service_records_unrated_idx (centre_id, submitted_at, id) — newest first by submission, the order that index
 * serves. (By completion time it had to sort a centre's whole year of completed records: 0.37 s at 60,000.)
 */
const unratedRecord = and(eq(serviceRecords.status, 'completed'), isNull(serviceRecords.ratingLevel));
const newestFirst = [desc(serviceRecords.submittedAt), desc(serviceRecords.id)];

/** Service records in the caller's scope matching `where`, as home rows opening `linkBase/<id>`. */
async function recordRows(db: Db, where: SQL | undefined, order: SQL[], linkBase: string, withEnterprise: boolean) {
  const rows = await db
    .select({
      id: serviceRecords.id,
      number: serviceRecords.number,
      category: serviceRecords.category,
      subItem: serviceRecords.subItem,
      status: serviceRecords.status,
      submittedAt: serviceRecords.submittedAt,
      completedAt: serviceRecords.completedAt,
      enterpriseName: enterprises.name,
    })
    .from(serviceRecords)
    .innerJoin(enterprises, eq(enterprises.id, serviceRecords.enterpriseId))
    .where(where)
    .orderBy(...order)
    .limit(HOME_LIST_LIMIT);
  return rows.map((r) =>
    homeItem({
      id: r.id,
      link: `${linkBase}/${r.id}`,
      title: r.number,
      subtitle: withEnterprise ? r.enterpriseName : null,
      service: { category: r.category as TServiceCategory, subItem: r.subItem },
      status: r.status,
      day: iso(r.completedAt ?? r.submittedAt),
    }),
  );
}

/** An enterprise's requests still being handled (SPEC §5 "my requests"), newest first. */
export function myOpenRequests(db: Db, user: SessionUser): Promise<THomeList> {
  const where = and(serviceRecordScope(user), inArray(serviceRecords.status, [...OPEN_STATUSES]));
  return homeList(
    'myOpenRequests',
    '/my/services?tab=open',
    recordRows(db, where, newestFirst, '/my/services', false),
    serviceRecordCount(db, user, OPEN_STATUSES),
  );
}

/** Art. 8: the served enterprise rates; each completed, unrated request opens the page where it rates. */
export function myToRate(db: Db, user: SessionUser): Promise<THomeList> {
  const where = and(serviceRecordScope(user), unratedRecord);
  return homeList(
    'myToRate',
    '/my/services?tab=unrated',
    recordRows(db, where, newestFirst, '/my/services', false),
    unratedCount(db, user),
  );
}

/** The caller's unread 站内消息, newest first, and how many there are. */
export async function unreadMessages(db: Db, user: SessionUser): Promise<{ items: TMessage[]; total: number }> {
  const where = and(eq(messages.userId, user.id), isNull(messages.readAt));
  const [rows, [total]] = await Promise.all([
    db.select().from(messages).where(where).orderBy(desc(messages.createdAt)).limit(HOME_LIST_LIMIT),
    db.select({ n: count() }).from(messages).where(where),
  ]);
  return {
    total: total?.n ?? 0,
    items: rows.map((m) => ({
      id: m.id,
      kind: m.kind as TMessage['kind'],
      params: m.params,
      link: m.link,
      readAt: null,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

/** A centre's requests waiting to be accepted (Art. 5), the longest waiting first. */
export function toAccept(db: Db, user: SessionUser): Promise<THomeList> {
  const where = and(serviceRecordScope(user), eq(serviceRecords.status, 'submitted'));
  return homeList(
    'toAccept',
    '/services?status=submitted',
    recordRows(db, where, [asc(serviceRecords.submittedAt), asc(serviceRecords.id)], '/services', true),
    serviceRecordCount(db, user, ['submitted']),
  );
}

/** A centre's accepted records still being handled, the oldest first. */
export function inProgress(db: Db, user: SessionUser): Promise<THomeList> {
  const where = and(serviceRecordScope(user), inArray(serviceRecords.status, ['accepted', 'in_progress']));
  return homeList(
    'inProgress',
    '/services?status=accepted&status=in_progress',
    recordRows(db, where, [asc(serviceRecords.submittedAt), asc(serviceRecords.id)], '/services', true),
    serviceRecordCount(db, user, ['accepted', 'in_progress']),
  );
}

/** Completed records the enterprise has not rated yet (the centre may remind it, Art. 8), newest request first. */
export function unratedRecords(db: Db, user: SessionUser): Promise<THomeList> {
  const where = and(serviceRecordScope(user), unratedRecord);
  return homeList(
    'unrated',
    '/services?unrated=true',
    recordRows(db, where, newestFirst, '/services', true),
    unratedCount(db, user),
  );
}

/**
 * 差评整改 in the caller's scope in one status, the earliest due first (so the overdue ones lead): the centre's to
 * answer ('open'), the county's to follow up ('answered'). Each opens the record, where the rectification is handled.
 */
export function rectificationList(
  db: Db,
  user: SessionUser,
  today: string,
  key: 'rectificationsDue' | 'rectificationsToFollowUp' | 'overdueRectifications',
): Promise<THomeList> {
  const where = rectificationsWhere(user, key, today);
  const allLink = {
    rectificationsDue: '/rectifications?status=open',
    rectificationsToFollowUp: '/rectifications?status=answered',
    overdueRectifications: '/rectifications?overdue=true',
  }[key];
  const rows = db
    .select({
      id: rectifications.id,
      recordId: rectifications.recordId,
      number: serviceRecords.number,
      status: rectifications.status,
      dueOn: rectifications.dueOn,
      enterpriseName: enterprises.name,
    })
    .from(rectifications)
    .innerJoin(serviceRecords, eq(serviceRecords.id, rectifications.recordId))
    .innerJoin(enterprises, eq(enterprises.id, serviceRecords.enterpriseId))
    .where(where)
    .orderBy(asc(rectifications.dueOn), asc(rectifications.id))
    .limit(HOME_LIST_LIMIT)
    .then((list) =>
      list.map((r) =>
        homeItem({
          id: r.id,
          link: `/services/${r.recordId}`,
          title: r.number,
          subtitle: r.enterpriseName,
          status: r.status,
          day: r.dueOn,
          overdue: r.status === 'open' && r.dueOn < today,
        }),
      ),
    );
  return homeList(key, allLink, rows, rectificationCount(db, user, key, today));
}

/** Open rectifications past their due day in the caller's scope: 逾期未答复, an oversight figure above the centre. */
export function overdueRectificationCount(db: Db, user: SessionUser, today: string): Promise<number> {
  return rectificationCount(db, user, 'overdueRectifications', today);
}
