import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { TVerdict } from '../../../contracts/centre';
import type { TCentreCondition, TConditionHistoryEntry } from '../../../contracts/city-rule';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { centreConditionStatus, centres } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { policiesForRegions } from '../../policy/city-rules';
import { beijingDay } from '../../policy/policy';
import { staffingVerdicts } from '../../policy/rules/staffing';
import { venueAreaVerdict } from '../../policy/rules/venue';
import { notify, type OutboundMessage } from '../message/notify';
import { rostersOf } from '../staff';
import { isRecognised } from './centre.machine';
import { type CentreRow, centresWhere } from './centre.repository';

const CONDITION_LABELS: Record<TCentreCondition, { zh: string; en: string }> = {
  venue: { zh: '服务场地（第六条）', en: 'venue (Art. 6)' },
  staffing: { zh: '人员配备（第七条）', en: 'staffing (Art. 7)' },
};

export interface SweepOptions {
  /** The Beijing day the verdicts are taken on. */
  day: string;
  at: Date;
  /** Only these centres (after a write that touched them); every watched centre when left out (the daily sweep). */
  centreIds?: number[];
  /** Only the centres of this city (after its implementing rule took effect). */
  cityCode?: string;
}

/**
 * The conditions a recognised centre must go on meeting (Art. 9(四)), as verdicts under the policy for its city
 * (Art. 15 on top of the version in force): the venue (Art. 6) always; the staffing (Art. 7) once a filed operator
 * runs it, since the staff are the operator's (before that there is nobody to station). Null: not watched.
 */
function verdictsOf(
  row: CentreRow,
  staff: Parameters<typeof staffingVerdicts>[1],
  policy: Parameters<typeof staffingVerdicts>[2],
): Record<TCentreCondition, TVerdict[] | null> {
  if (!isRecognised(row.status)) return { venue: null, staffing: null };
  return {
    venue: [
      venueAreaVerdict({ parkLevel: row.parkLevel, parkKind: row.parkKind, area: Number(row.venueArea) }, policy),
    ],
    staffing: row.operatorName ? staffingVerdicts(row.parkLevel, staff, policy) : null,
  };
}

/** After a write that touched these centres (staff, venue): their conditions today, in the write's transaction. */
export function recheckCentreConditions(
  tx: Db,
  ctx: RequestContext,
  centreIds: number[],
  at: Date,
): Promise<OutboundMessage[]> {
  return sweepCentreConditions(tx, ctx, { day: beijingDay(at), at, centreIds });
}

/** What changed between two looks: a rule passing or failing, or its numbers. */
function signature(verdicts: TVerdict[]): string {
  return JSON.stringify(verdicts.map((v) => [v.rule, v.ok, v.required, v.actual, v.cityRule?.id ?? null]));
}

/**
 * Brings centre_condition_status up to date for the centres given (Art. 9(四)), in the caller's transaction: a
 * failure that starts opens a row and tells the city and the county; a changed verdict is added to the history; a
 * condition met again (or a centre no longer recognised) closes the row. Every change is audited. Idempotent: the
 * daily sweep and the sweep after a write may both run; the open row is unique per centre and condition.
 * Returns the stored messages, for the outbound channels after commit.
 */
export async function sweepCentreConditions(
  tx: Db,
  ctx: RequestContext,
  opts: SweepOptions,
): Promise<OutboundMessage[]> {
  const { day, at } = opts;
  if (opts.centreIds && opts.centreIds.length === 0) return [];
  const openRows = sql`${centres.id} in (select ${centreConditionStatus.centreId} from ${centreConditionStatus}
    where ${centreConditionStatus.resolvedOn} is null)`;
  const filters: SQL[] = [or(inArray(centres.status, ['approved', 'operating', 'adjusted']), openRows) as SQL];
  if (opts.centreIds) filters.push(inArray(centres.id, opts.centreIds));
  if (opts.cityCode) filters.push(eq(centres.cityCode, opts.cityCode));
  // One read after another: `tx` is one client (node-postgres deprecates overlapping queries on a client, and they
  // would queue there anyway).
  const rows = await centresWhere(tx, and(...filters));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const policyOf = await policiesForRegions(
    tx,
    day,
    rows.map((r) => r.cityCode),
  );
  const rosters = await rostersOf(tx, ids);
  const open = await tx
    .select()
    .from(centreConditionStatus)
    .where(and(inArray(centreConditionStatus.centreId, ids), isNull(centreConditionStatus.resolvedOn)));
  const openOf = new Map(open.map((o) => [`${o.centreId}:${o.condition}`, o]));
  const audit = auditContext(ctx, at);
  const sent: OutboundMessage[] = [];
  for (const row of rows) {
    const verdicts = verdictsOf(row, rosters.get(row.id) ?? [], policyOf(row.cityCode));
    for (const condition of ['venue', 'staffing'] as const) {
      const now = verdicts[condition];
      const current = openOf.get(`${row.id}:${condition}`);
      const failing = now?.some((v) => !v.ok) === true;
      const label = CONDITION_LABELS[condition];
      if (failing && !current) {
        const entry: TConditionHistoryEntry = { on: day, ok: false, verdicts: now };
        const [inserted] = await tx
          .insert(centreConditionStatus)
          .values({
            centreId: row.id,
            condition,
            failingSince: day,
            lastVerdict: now,
            history: [entry],
            updatedAt: at,
          })
          .onConflictDoNothing()
          .returning();
        if (!inserted) continue; // another sweep opened it a moment ago
        await writeAudit(tx, audit, {
          action: 'centre.condition.failing',
          objectType: 'centre',
          objectId: row.id,
          after: inserted,
        });
        const failed = now.filter((v) => !v.ok);
        const message = {
          kind: 'centre.conditionFailing' as const,
          params: {
            centreName: row.name,
            since: day,
            conditionZh: label.zh,
            conditionEn: label.en,
            detailZh: failed.map((v) => v.message['zh-CN']).join('；'),
            detailEn: failed.map((v) => v.message.en).join('; '),
          },
          link: `/centres/${row.id}`,
          subject: `centre_condition:${inserted.id}`,
          at,
        };
        sent.push(...(await notify(tx, { cityCode: row.cityCode }, message)));
        sent.push(...(await notify(tx, { countyCode: row.countyCode }, message)));
      } else if (failing && current && signature(now) !== signature(current.lastVerdict)) {
        const history = [...current.history, { on: day, ok: false, verdicts: now }];
        const [after] = await tx
          .update(centreConditionStatus)
          .set({ lastVerdict: now, history, updatedAt: at })
          .where(eq(centreConditionStatus.id, current.id))
          .returning();
        await writeAudit(tx, audit, {
          action: 'centre.condition.failing',
          objectType: 'centre',
          objectId: row.id,
          before: current,
          after,
        });
      } else if (!failing && current) {
        // Met again, or no longer watched (revoked; no filed operator any more): the failure ends today.
        const history = [...current.history, { on: day, ok: true, verdicts: now ?? [] }];
        const [after] = await tx
          .update(centreConditionStatus)
          .set({ resolvedOn: day, lastVerdict: now ?? current.lastVerdict, history, updatedAt: at })
          .where(and(eq(centreConditionStatus.id, current.id), isNull(centreConditionStatus.resolvedOn)))
          .returning();
        if (!after) continue;
        await writeAudit(tx, audit, {
          action: 'centre.condition.failing',
          objectType: 'centre',
          objectId: row.id,
          before: current,
          after,
        });
        if (now === null) continue;
        const message = {
          kind: 'centre.conditionResolved' as const,
          params: { centreName: row.name, on: day, conditionZh: label.zh, conditionEn: label.en },
          link: `/centres/${row.id}`,
          subject: `centre_condition:${current.id}`,
          at,
        };
        sent.push(...(await notify(tx, { cityCode: row.cityCode }, message)));
        sent.push(...(await notify(tx, { countyCode: row.countyCode }, message)));
      }
    }
  }
  return sent;
}
