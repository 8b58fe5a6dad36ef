import { count, eq, gte } from 'drizzle-orm';
import type { TDashboard, THomeFigure, THomeList } from '../../../contracts/dashboard';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { auditEntries, centres, enterprises, parks, regions, users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import type { SessionUser } from '../../lib/access/session-user';
import { beijingDay } from '../../policy/policy';
import { homeAssessment } from '../assessment';
import { cachedSnapshotAnswer, scopeKeyOf } from '../figures';
import { overdueFilingCount, reprocurementDueCount } from './filing-figures';
import {
  centreChangesToDecide,
  centresIn,
  engagementsAwaiting,
  enterprisesPending,
  operatorChangesAwaiting,
} from './official-home';
import { parkCentres } from './park-home';
import { regionOverview } from './region-overview';
import {
  inProgress,
  myOpenRequests,
  myToRate,
  overdueRectificationCount,
  rectificationList,
  toAccept,
  unratedRecords,
  unreadMessages,
} from './service-home';

type Home = Omit<TDashboard, 'role' | 'scopeName' | 'assessment'>;
const EMPTY: Home = { lists: [], figures: [], messages: null, overview: null, parkCentres: null };

const figure = (key: THomeFigure['key'], value: number, link: string | null = null): THomeFigure => ({
  key,
  value,
  link,
});

/**
 * 首页 (issue 11): each role's own work and nothing else — what waits for its step as short lists, the figures it
 * oversees, and for the province the overview by city. Everything is counted here, in the caller's scope.
 */
export async function getDashboard(ctx: RequestContext): Promise<TDashboard> {
  const user = requireAction(ctx.user, 'dashboard.read');
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  // Cached under the database's snapshot (decision 0034): the same home until a writing transaction begins or ends.
  // The key holds everything else it depends on: the user (an enterprise's messages are its own; the rest is the
  // role's scope), the Beijing day (deadlines, overdue flags, the admin's audit of today) and the locale (names).
  const key = JSON.stringify([user.id, ...scopeKeyOf(user), today, ctx.locale]);
  return cachedSnapshotAnswer(db, `home:${key}`, async () => {
    const [scopeName, home, assessment] = await Promise.all([
      scopeNameOf(db, user, ctx.locale),
      homeOf(db, user, today, now),
      homeAssessment(db, user),
    ]);
    return { role: user.role, scopeName, ...home, assessment };
  });
}

async function homeOf(db: Db, user: SessionUser, today: string, now: Date): Promise<Home> {
  switch (user.role) {
    case 'enterprise':
      return enterpriseHome(db, user);
    case 'operator':
      return operatorHome(db, user, today);
    case 'county':
      return countyHome(db, user, today);
    case 'city':
      return cityHome(db, user, today);
    case 'province':
      return provinceHome(db, user, today);
    case 'park':
      return { ...EMPTY, parkCentres: await parkCentres(db, user) };
    case 'admin':
      return adminHome(db, now);
    // Assignments arrive with the annual assessment (a later issue); until then the evaluator has nothing waiting.
    case 'evaluator':
      return EMPTY;
  }
}

/** The enterprise: its requests being handled, what awaits its rating (Art. 8), its unread messages. */
async function enterpriseHome(db: Db, user: SessionUser): Promise<Home> {
  const [open, rate, unread] = await Promise.all([
    myOpenRequests(db, user),
    myToRate(db, user),
    unreadMessages(db, user),
  ]);
  return {
    ...EMPTY,
    lists: [rate, open],
    figures: [figure('unreadMessages', unread.total, '/messages')],
    messages: unread.items,
  };
}

/** The centre's staff: today's queue (SPEC §5) — to accept, in progress, unrated, rectifications due. */
async function operatorHome(db: Db, user: SessionUser, today: string): Promise<Home> {
  const lists: Promise<THomeList>[] = [
    toAccept(db, user),
    rectificationList(db, user, today, 'rectificationsDue'),
    inProgress(db, user),
    unratedRecords(db, user),
    // The centre may approve self-registrations of its county (SPEC §2).
    enterprisesPending(db, user),
  ];
  return { ...EMPTY, lists: await Promise.all(lists) };
}

/** The county: registrations, its centre applications, tenders to complete, handovers, answers to follow up. */
async function countyHome(db: Db, user: SessionUser, today: string): Promise<Home> {
  const [lists, overdueFilings, overdueFixes, reprocurement] = await Promise.all([
    Promise.all([
      enterprisesPending(db, user),
      centresIn(db, user, 'centreDrafts', ['draft', 'returned']),
      engagementsAwaiting(db, user, today, 'engagementsToComplete'),
      operatorChangesAwaiting(db, user, 'changesHandover'),
      rectificationList(db, user, today, 'rectificationsToFollowUp'),
    ]),
    overdueFilingCount(db, user, today),
    overdueRectificationCount(db, user, today),
    reprocurementDueCount(db, user, today),
  ]);
  return {
    ...EMPTY,
    lists,
    figures: [
      figure('reprocurementDue', reprocurement, '/engagements'),
      figure('overdueFilings', overdueFilings, '/engagements?tab=overdue'),
      figure('overdueRectifications', overdueFixes, '/rectifications?overdue=true'),
    ],
  };
}

/** The city: applications to forward, agreements to report, changes to forward, what is overdue in its counties. */
async function cityHome(db: Db, user: SessionUser, today: string): Promise<Home> {
  if (!user.regionCode) return EMPTY;
  const [lists, overdueFilings, overview] = await Promise.all([
    Promise.all([
      centresIn(db, user, 'centresToForward', ['submitted']),
      engagementsAwaiting(db, user, today, 'filingsToReport'),
      operatorChangesAwaiting(db, user, 'changesToForward'),
      rectificationList(db, user, today, 'overdueRectifications'),
    ]),
    overdueFilingCount(db, user, today),
    regionOverview(db, user, today, { by: 'county', cityCode: user.regionCode }),
  ]);
  return {
    ...EMPTY,
    lists,
    figures: [figure('overdueFilings', overdueFilings, '/engagements?tab=overdue')],
    overview,
  };
}

/** The province: the overview by city, and what waits for its decision (Art. 9(三)(四), 10(三)(六)). */
async function provinceHome(db: Db, user: SessionUser, today: string): Promise<Home> {
  const [overview, lists, overdueFixes, reprocurement] = await Promise.all([
    regionOverview(db, user, today, { by: 'city' }),
    Promise.all([
      centresIn(db, user, 'centresToApprove', ['forwarded']),
      centreChangesToDecide(db, user),
      engagementsAwaiting(db, user, today, 'filingsToFile'),
      operatorChangesAwaiting(db, user, 'changesToDecide'),
    ]),
    overdueRectificationCount(db, user, today),
    reprocurementDueCount(db, user, today),
  ]);
  return {
    ...EMPTY,
    lists,
    // Oversight figures: the centres answer and the counties procure; the province watches (no imperative).
    figures: [
      figure('overdueFilings', overview.totals.filings.overdue, '/engagements?tab=overdue'),
      figure('overdueRectifications', overdueFixes, '/rectifications?overdue=true'),
      figure('reprocurementDue', reprocurement, '/engagements'),
    ],
    overview,
  };
}

/** The administrator: accounts and today's log (backup and calendar warnings come from their own pages' data). */
async function adminHome(db: Db, now: Date): Promise<Home> {
  const startOfDay = new Date(`${beijingDay(now)}T00:00:00+08:00`);
  const [[u], [a]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(auditEntries).where(gte(auditEntries.at, startOfDay)),
  ]);
  return {
    ...EMPTY,
    figures: [figure('userCount', u?.n ?? 0, '/users'), figure('auditToday', a?.n ?? 0, '/audit')],
  };
}

/** What the caller answers for, in its own words: its region, park, centre or enterprise. */
async function scopeNameOf(db: Db, user: SessionUser, locale: string): Promise<string | null> {
  const first = <T>(rows: T[]) => rows[0];
  if (user.role === 'province') return locale === 'en' ? 'Hubei' : '湖北省';
  if (user.regionCode)
    return (
      first(await db.select({ n: regions.name }).from(regions).where(eq(regions.code, user.regionCode)))?.n ?? null
    );
  if (user.parkId)
    return first(await db.select({ n: parks.name }).from(parks).where(eq(parks.id, user.parkId)))?.n ?? null;
  if (user.centreId)
    return first(await db.select({ n: centres.name }).from(centres).where(eq(centres.id, user.centreId)))?.n ?? null;
  if (user.enterpriseId)
    return (
      first(await db.select({ n: enterprises.name }).from(enterprises).where(eq(enterprises.id, user.enterpriseId)))
        ?.n ?? null
    );
  return null;
}
