import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TAction } from '../../../contracts/access';
import type { TLocale } from '../../../contracts/common';
import type { Db } from '../../db/client';
import {
  activities,
  attachments,
  backupRuns,
  calendarYears,
  centreChanges,
  centreStaff,
  centres,
  decisionLetters,
  engagements,
  enterprises,
  operatorChanges,
  operators,
  parks,
  policyDrafts,
  policyVersions,
  rectifications,
  regions,
  serviceRecords,
  users,
} from '../../db/schema';
import { can } from '../../lib/access/permissions';
import {
  centreRecordScope,
  centreScope,
  enterpriseScope,
  parkScope,
  rectificationScope,
  serviceRecordScope,
} from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';

/**
 * The names people know an audit entry's object by (the centre's name, the record's number …), for the rows of one
 * page of the log or one export. The audit module reads the other domains' tables directly: it is a read model over
 * all of them, and asking each module for its labels would be one round trip per module per page for no gain.
 *
 * A label is the object's own data, so it is shown only where the reader could open the object: the role must have
 * the object's read permission and the object must be in the reader's data scope (the same SQL as the object's own
 * pages). Otherwise the entry keeps its type and id only — never more than the log itself already says.
 */
export type AuditObjectLabels = Map<string, string>;

export function labelKey(objectType: string, objectId: string): string {
  return `${objectType}:${objectId}`;
}

const ID_CHUNK = 1000;

interface LabelSource {
  /** The permission that lets a role read this kind of object at all. */
  action: TAction;
  /** Labels of the ids that are in the reader's scope; ids outside it are simply absent. */
  load(db: Db, user: SessionUser, ids: string[], locale: TLocale): Promise<[string, string][]>;
}

/** Ids that fit an integer key; anything else (an old or odd entry) cannot name a row. */
function intIds(ids: string[]): number[] {
  return ids.filter((id) => /^\d{1,9}$/.test(id)).map(Number);
}

const WORDS = {
  adjustment: { 'zh-CN': '调整申请', en: 'adjustment' },
  revocation: { 'zh-CN': '撤销申请', en: 'revocation' },
} as const;

/** Rows of one table, by integer id, within a scope. */
async function byIntId<T extends { id: number }>(
  ids: string[],
  query: (ids: number[]) => Promise<T[]>,
  label: (row: T) => string,
): Promise<[string, string][]> {
  const numbers = intIds(ids);
  if (numbers.length === 0) return [];
  return (await query(numbers)).map((row) => [String(row.id), label(row)]);
}

/** Accounts are the administrator's (user.read); everyone else knows only their own (me.read). */
const userLabels: LabelSource = {
  action: 'me.read',
  load: (db, user, ids) =>
    byIntId(
      ids,
      (n) =>
        db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(and(inArray(users.id, n), can(user.role, 'user.read') ? undefined : eq(users.id, user.id))),
      (r) => r.name,
    ),
};

const SOURCES: Record<string, LabelSource> = {
  centre: {
    action: 'centre.read',
    load: (db, user, ids) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: centres.id, name: centres.name })
            .from(centres)
            .where(and(inArray(centres.id, n), centreScope(user))),
        (r) => r.name,
      ),
  },
  centre_change: {
    action: 'centre.read',
    load: (db, user, ids, locale) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: centreChanges.id, centre: centres.name, kind: centreChanges.kind })
            .from(centreChanges)
            .innerJoin(centres, eq(centres.id, centreChanges.centreId))
            .where(and(inArray(centreChanges.id, n), centreScope(user))),
        (r) => `${r.centre} · ${WORDS[r.kind][locale]}`,
      ),
  },
  decision_letter: {
    action: 'decision.read',
    load: (db, user, ids) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: decisionLetters.id, number: decisionLetters.number })
            .from(decisionLetters)
            .innerJoin(centres, eq(centres.id, decisionLetters.centreId))
            .where(and(inArray(decisionLetters.id, n), centreScope(user))),
        (r) => r.number,
      ),
  },
  attachment: {
    action: 'centre.read',
    load: (db, user, ids) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: attachments.id, file: attachments.fileName, centre: centres.name })
            .from(attachments)
            .innerJoin(centres, eq(centres.id, attachments.centreId))
            .where(and(inArray(attachments.id, n), centreScope(user))),
        (r) => `${r.file} · ${r.centre}`,
      ),
  },
  centre_staff: {
    action: 'centre.read',
    load: (db, user, ids) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: centreStaff.id, name: centreStaff.name, centre: centres.name })
            .from(centreStaff)
            .innerJoin(centres, eq(centres.id, centreStaff.centreId))
            .where(and(inArray(centreStaff.id, n), centreScope(user))),
        (r) => `${r.name} · ${r.centre}`,
      ),
  },
  engagement: {
    action: 'engagement.read',
    load: (db, user, ids) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: engagements.id, centre: centres.name, operator: operators.name })
            .from(engagements)
            .innerJoin(centres, eq(centres.id, engagements.centreId))
            .innerJoin(operators, eq(operators.id, engagements.operatorId))
            .where(and(inArray(engagements.id, n), engagementScope(user))),
        (r) => `${r.centre} · ${r.operator}`,
      ),
  },
  operator_change: {
    action: 'engagement.read',
    load: (db, user, ids) => {
      const incoming = alias(operators, 'incoming_operator');
      return byIntId(
        ids,
        (n) =>
          db
            .select({
              id: operatorChanges.id,
              centre: centres.name,
              outgoing: operators.name,
              incoming: incoming.name,
            })
            .from(operatorChanges)
            .innerJoin(centres, eq(centres.id, operatorChanges.centreId))
            .innerJoin(engagements, eq(engagements.id, operatorChanges.engagementId))
            .innerJoin(operators, eq(operators.id, engagements.operatorId))
            .leftJoin(incoming, eq(incoming.id, operatorChanges.incomingOperatorId))
            .where(
              and(
                inArray(operatorChanges.id, n),
                centreRecordScope(user, {
                  cityCode: operatorChanges.cityCode,
                  countyCode: operatorChanges.countyCode,
                  centreId: operatorChanges.centreId,
                }),
              ),
            ),
        (r) => `${r.centre} · ${r.outgoing}${r.incoming ? ` → ${r.incoming}` : ''}`,
      );
    },
  },
  operator: {
    // Every role that may read operators reads them all (decision 0009); only changing one is limited by region.
    action: 'operator.read',
    load: (db, _user, ids) =>
      byIntId(
        ids,
        (n) => db.select({ id: operators.id, name: operators.name }).from(operators).where(inArray(operators.id, n)),
        (r) => r.name,
      ),
  },
  enterprise: {
    action: 'enterprise.read',
    load: (db, user, ids) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: enterprises.id, name: enterprises.name })
            .from(enterprises)
            .where(and(inArray(enterprises.id, n), enterpriseScope(user))),
        (r) => r.name,
      ),
  },
  service_record: {
    action: 'service.read',
    load: (db, user, ids) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: serviceRecords.id, number: serviceRecords.number })
            .from(serviceRecords)
            .where(and(inArray(serviceRecords.id, n), serviceRecordScope(user))),
        (r) => r.number,
      ),
  },
  rectification: {
    // A rectification is known by the number of the service record whose rating opened it.
    action: 'rectification.read',
    load: (db, user, ids) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: rectifications.id, number: serviceRecords.number })
            .from(rectifications)
            .innerJoin(serviceRecords, eq(serviceRecords.id, rectifications.recordId))
            .where(and(inArray(rectifications.id, n), rectificationScope(user))),
        (r) => r.number,
      ),
  },
  activity: {
    action: 'activity.read',
    load: (db, user, ids) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: activities.id, title: activities.title })
            .from(activities)
            .where(
              and(
                inArray(activities.id, n),
                centreRecordScope(user, {
                  cityCode: activities.cityCode,
                  countyCode: activities.countyCode,
                  centreId: activities.centreId,
                  parkId: activities.parkId,
                }),
              ),
            ),
        (r) => r.title,
      ),
  },
  park: {
    action: 'park.read',
    load: (db, user, ids) =>
      byIntId(
        ids,
        (n) =>
          db
            .select({ id: parks.id, name: parks.name })
            .from(parks)
            .where(and(inArray(parks.id, n), parkScope(user))),
        (r) => r.name,
      ),
  },
  user: userLabels,
  // A session entry names the account it belongs to.
  session: userLabels,
  region: {
    action: 'region.read',
    load: async (db, _user, ids) => {
      const codes = ids.filter((id) => /^\d{6}$/.test(id));
      if (codes.length === 0) return [];
      const rows = await db
        .select({ code: regions.code, name: regions.name })
        .from(regions)
        .where(inArray(regions.code, codes));
      return rows.map((r) => [r.code, r.name]);
    },
  },
  policy_draft: {
    action: 'policy.draft',
    load: async (db, _user, ids) => {
      const numbers = intIds(ids);
      if (numbers.length === 0) return [];
      const rows = await db
        .select({ id: policyDrafts.id, title: policyDrafts.title })
        .from(policyDrafts)
        .where(inArray(policyDrafts.id, numbers));
      return rows.map((r) => [String(r.id), r.title]);
    },
  },
  policy_version: {
    action: 'policy.read',
    load: async (db, _user, ids) => {
      const numbers = intIds(ids);
      if (numbers.length === 0) return [];
      const rows = await db
        .select({ version: policyVersions.version, title: policyVersions.title })
        .from(policyVersions)
        .where(inArray(policyVersions.version, numbers));
      return rows.map((r) => [String(r.version), r.title]);
    },
  },
  calendar_year: {
    action: 'calendar.read',
    load: async (db, _user, ids) => {
      const years = intIds(ids);
      if (years.length === 0) return [];
      const rows = await db
        .select({ year: calendarYears.year, title: calendarYears.noticeTitle })
        .from(calendarYears)
        .where(inArray(calendarYears.year, years));
      return rows.map((r) => [String(r.year), r.title]);
    },
  },
  backup: {
    action: 'backup.read',
    load: (db, _user, ids) =>
      byIntId(
        ids,
        (n) =>
          db.select({ id: backupRuns.id, name: backupRuns.name }).from(backupRuns).where(inArray(backupRuns.id, n)),
        (r) => r.name,
      ),
  },
};

function engagementScope(user: SessionUser): SQL {
  return centreRecordScope(user, {
    cityCode: engagements.cityCode,
    countyCode: engagements.countyCode,
    centreId: engagements.centreId,
  });
}

/**
 * Labels for the objects of a page of entries: one query per object type present (ids grouped), each limited to
 * what the reader may read. Types without a source (settings, a message, the demo) keep their type and id only.
 */
export async function resolveAuditObjectLabels(
  db: Db,
  user: SessionUser,
  locale: TLocale,
  refs: { objectType: string; objectId: string | null }[],
): Promise<AuditObjectLabels> {
  const idsByType = new Map<string, Set<string>>();
  for (const { objectType, objectId } of refs) {
    if (objectId === null || !SOURCES[objectType]) continue;
    const set = idsByType.get(objectType) ?? new Set<string>();
    set.add(objectId);
    idsByType.set(objectType, set);
  }
  const labels: AuditObjectLabels = new Map();
  const loads = [...idsByType].map(async ([type, ids]) => {
    const source = SOURCES[type];
    if (!source || !can(user.role, source.action)) return;
    // An export holds up to 100 000 rows: bound each IN list well below PostgreSQL's 65 535 parameters.
    const all = [...ids];
    for (let i = 0; i < all.length; i += ID_CHUNK) {
      for (const [id, label] of await source.load(db, user, all.slice(i, i + ID_CHUNK), locale)) {
        labels.set(labelKey(type, id), label);
      }
    }
  });
  await Promise.all(loads);
  return labels;
}
