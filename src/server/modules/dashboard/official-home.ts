import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { HOME_LIST_LIMIT, type THomeList, type THomeListKey } from '../../../contracts/dashboard';
import type { Db } from '../../db/client';
import {
  centreChanges,
  centres,
  engagements,
  enterprises,
  operatorChanges,
  operators,
  parks,
  regions,
} from '../../db/schema';
import { centreScope, enterpriseScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { changeAwaitingStep, engagementScope, operatorChangeScope } from '../engagement';
import { countWhere, homeItem, homeList, iso } from './home-list';

const county = alias(regions, 'county');

/** Self-registrations waiting for review by the county or the centre (SPEC §2), the longest waiting first. */
export function enterprisesPending(db: Db, user: SessionUser): Promise<THomeList> {
  const where = and(enterpriseScope(user), eq(enterprises.status, 'pending'));
  const rows = db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      creditCode: enterprises.creditCode,
      createdAt: enterprises.createdAt,
    })
    .from(enterprises)
    .where(where)
    .orderBy(asc(enterprises.createdAt), asc(enterprises.id))
    .limit(HOME_LIST_LIMIT)
    .then((list) =>
      list.map((e) =>
        homeItem({
          id: e.id,
          // The enterprise list opens the review from its 待审核 tab; the credit code finds this one there.
          link: `/enterprises?status=pending&q=${e.creditCode}`,
          title: e.name,
          subtitle: e.creditCode,
          day: iso(e.createdAt),
        }),
      ),
    );
  return homeList('enterprisesPending', '/enterprises?status=pending', rows, () => countWhere(db, enterprises, where));
}

/** Centres in the caller's scope in the given statuses (Art. 9(三) steps), the longest waiting first. */
export function centresIn(
  db: Db,
  user: SessionUser,
  key: Extract<THomeListKey, 'centreDrafts' | 'centresToForward' | 'centresToApprove'>,
  statuses: ('draft' | 'returned' | 'submitted' | 'forwarded')[],
): Promise<THomeList> {
  const where = and(centreScope(user), inArray(centres.status, statuses));
  const rows = db
    .select({
      id: centres.id,
      name: centres.name,
      status: centres.status,
      parkName: parks.name,
      updatedAt: centres.updatedAt,
    })
    .from(centres)
    .innerJoin(parks, eq(parks.id, centres.parkId))
    .where(where)
    .orderBy(asc(centres.updatedAt), asc(centres.id))
    .limit(HOME_LIST_LIMIT)
    .then((list) =>
      list.map((c) =>
        homeItem({
          id: c.id,
          link: `/centres/${c.id}`,
          title: c.name,
          subtitle: c.parkName,
          status: c.status,
          day: iso(c.updatedAt),
        }),
      ),
    );
  return homeList(key, '/centres', rows, () => countWhere(db, centres, where));
}

/** A city's requests to adjust or revoke a recognised centre, waiting for the province's decision (Art. 9(四)). */
export function centreChangesToDecide(db: Db, user: SessionUser): Promise<THomeList> {
  const where = and(centreScope(user), eq(centreChanges.status, 'submitted'));
  const base = db
    .select({
      id: centreChanges.id,
      centreId: centres.id,
      name: centres.name,
      kind: centreChanges.kind,
      requestedAt: centreChanges.requestedAt,
    })
    .from(centreChanges)
    .innerJoin(centres, eq(centres.id, centreChanges.centreId))
    .where(where);
  const rows = base
    .orderBy(asc(centreChanges.requestedAt))
    .limit(HOME_LIST_LIMIT)
    .then((list) =>
      list.map((c) =>
        homeItem({
          id: c.id,
          link: `/centres/${c.centreId}`,
          title: c.name,
          status: c.kind,
          day: iso(c.requestedAt),
        }),
      ),
    );
  const total = () =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(centreChanges)
      .innerJoin(centres, eq(centres.id, centreChanges.centreId))
      .where(where)
      .then(([r]) => r?.n ?? 0);
  return homeList('centreChangesToDecide', '/centres', rows, total);
}

/**
 * Engagements waiting for the caller's step (Art. 10(三)): the county completes a tender (tendered), the city reports
 * the agreement (signed, by its filing deadline), the province files it (reported). The earliest deadline first.
 */
export function engagementsAwaiting(
  db: Db,
  user: SessionUser,
  today: string,
  key: Extract<THomeListKey, 'engagementsToComplete' | 'filingsToReport' | 'filingsToFile'>,
): Promise<THomeList> {
  const status = { engagementsToComplete: 'tendered', filingsToReport: 'signed', filingsToFile: 'reported' } as const;
  const where = and(engagementScope(user), eq(engagements.status, status[key]));
  const rows = db
    .select({
      id: engagements.id,
      status: engagements.status,
      centreName: centres.name,
      operatorName: operators.name,
      awardedOn: engagements.awardedOn,
      filingDeadline: engagements.filingDeadline,
      reportedOn: engagements.reportedOn,
    })
    .from(engagements)
    .innerJoin(centres, eq(centres.id, engagements.centreId))
    .innerJoin(operators, eq(operators.id, engagements.operatorId))
    .where(where)
    .orderBy(sql`${engagements.filingDeadline} asc nulls last`, asc(engagements.id))
    .limit(HOME_LIST_LIMIT)
    .then((list) =>
      list.map((e) =>
        homeItem({
          id: e.id,
          link: `/engagements/${e.id}`,
          title: e.centreName,
          subtitle: e.operatorName,
          status: e.status,
          day:
            key === 'engagementsToComplete' ? e.awardedOn : key === 'filingsToFile' ? e.reportedOn : e.filingDeadline,
          overdue: key === 'filingsToReport' && e.filingDeadline !== null && e.filingDeadline < today,
        }),
      ),
    );
  const total = () =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(engagements)
      .innerJoin(centres, eq(centres.id, engagements.centreId))
      .where(where)
      .then(([r]) => r?.n ?? 0);
  return homeList(key, '/engagements?tab=awaiting', rows, total);
}

/**
 * Changes of operator waiting for the caller (Art. 10(六)): the city forwards, the province decides, the county
 * finishes the handover of an approved one. Each opens the engagement, where the change is handled.
 */
export function operatorChangesAwaiting(
  db: Db,
  user: SessionUser,
  key: Extract<THomeListKey, 'changesHandover' | 'changesToForward' | 'changesToDecide'>,
): Promise<THomeList> {
  const where = and(operatorChangeScope(user), changeAwaitingStep(user)) as SQL;
  const rows = db
    .select({
      id: operatorChanges.id,
      engagementId: operatorChanges.engagementId,
      status: operatorChanges.status,
      centreName: centres.name,
      countyName: county.name,
      appliedOn: operatorChanges.appliedOn,
      deadline: operatorChanges.deadline,
    })
    .from(operatorChanges)
    .innerJoin(centres, eq(centres.id, operatorChanges.centreId))
    .innerJoin(county, eq(county.code, operatorChanges.countyCode))
    .where(where)
    .orderBy(asc(operatorChanges.appliedOn), asc(operatorChanges.id))
    .limit(HOME_LIST_LIMIT)
    .then((list) =>
      list.map((c) =>
        homeItem({
          id: c.id,
          link: `/engagements/${c.engagementId}`,
          title: c.centreName,
          subtitle: c.countyName,
          status: c.status,
          day: c.appliedOn,
        }),
      ),
    );
  const total = () =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(operatorChanges)
      .innerJoin(centres, eq(centres.id, operatorChanges.centreId))
      .where(where)
      .then(([r]) => r?.n ?? 0);
  return homeList(key, '/engagements?tab=changes', rows, total);
}
