import { type SQL, sql } from 'drizzle-orm';
import type { TRatingLevel } from '../../../contracts/service-record';
import { type Db, rowsOf } from '../../db/client';
import { oneStatement } from '../../db/one-statement';
import {
  BEIJING_MONTH_SQL,
  CENTRE_KEY,
  CENTRE_MEASURES,
  COMPLETED_TIMED_SQL,
  COMPLETION_MS_SQL,
  ENTERPRISE_KEY,
  ENTERPRISE_MEASURES,
  MONTH_KEY,
  MONTH_MEASURES,
  RESPONDED_SQL,
  RESPONSE_MS_SQL,
  raw,
  STATUS_KEY,
} from './recompute';

/**
 * What one service record contributes to the figures: the row it sits in (centre and scope, month, category,
 * channel, status) and its measures (a rating, its response and completion times when they count).
 */
export interface RecordFacts {
  centreId: number;
  enterpriseId: number;
  cityCode: string;
  countyCode: string;
  parkId: number;
  /** Beijing month of submission, 'YYYY-MM'. */
  month: string;
  category: string;
  channel: string;
  status: string;
  /** The rating's level; null while unrated. */
  level: TRatingLevel | null;
  /** accepted_at − submitted_at in ms when it counts (an enterprise's request, accepted); else null. */
  responseMs: number | null;
  /** completed_at − submitted_at in ms when it counts (completed with a time); else null. */
  completionMs: number | null;
}

/** Beijing month of an instant, 'YYYY-MM' (UTC+8 all year). */
export function beijingMonthOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/**
 * The record's facts as the recomputation sees them (same SQL expressions), read in the caller's transaction.
 * `lock` takes the record's row lock first, so that the facts stay true until the caller's update commits.
 */
export async function readRecordFacts(tx: Db, recordId: number, lock = false): Promise<RecordFacts | null> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`select r.centre_id, r.enterprise_id, r.city_code, r.county_code, r.park_id, ${raw(BEIJING_MONTH_SQL)} as month,
        r.category, r.channel, r.status, g.level,
        case when ${raw(RESPONDED_SQL)} then ${raw(RESPONSE_MS_SQL)} end as response_ms,
        case when ${raw(COMPLETED_TIMED_SQL)} then ${raw(COMPLETION_MS_SQL)} end as completion_ms
      from service_records r left join service_ratings g on g.record_id = r.id
      where r.id = ${recordId} ${lock ? sql`for update of r` : sql``}`),
  );
  const r = rows[0];
  if (!r) return null;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    centreId: Number(r.centre_id),
    enterpriseId: Number(r.enterprise_id),
    cityCode: String(r.city_code),
    countyCode: String(r.county_code),
    parkId: Number(r.park_id),
    month: String(r.month),
    category: String(r.category),
    channel: String(r.channel),
    status: String(r.status),
    level: (r.level as TRatingLevel | null) ?? null,
    responseMs: num(r.response_ms),
    completionMs: num(r.completion_ms),
  };
}

type Measures = Record<string, number>;
interface Delta {
  key: (string | number)[];
  scope: { cityCode: string; countyCode: string; parkId: number };
  m: Measures;
}

function monthMeasures(f: RecordFacts): Measures {
  const m: Measures = Object.fromEntries(MONTH_MEASURES.map((k) => [k, 0]));
  m.records = 1;
  if (f.level) {
    m.rated = 1;
    m[`lv_${f.level}`] = 1;
  }
  if (f.responseMs !== null) {
    m.response_ms = f.responseMs;
    m.responded = 1;
  }
  if (f.completionMs !== null) {
    m.completion_ms = f.completionMs;
    m.completed_timed = 1;
  }
  return m;
}

/** −before +after, merged per key (one statement may not touch a row twice), zero deltas dropped, keys sorted. */
function deltas(
  before: RecordFacts | null,
  after: RecordFacts | null,
  keyOf: (f: RecordFacts) => (string | number)[],
  measuresOf: (f: RecordFacts) => Measures,
): Delta[] {
  const byKey = new Map<string, Delta>();
  for (const [f, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (!f) continue;
    const key = keyOf(f);
    const id = JSON.stringify(key);
    const d = byKey.get(id) ?? {
      key,
      scope: { cityCode: f.cityCode, countyCode: f.countyCode, parkId: f.parkId },
      m: {},
    };
    for (const [k, v] of Object.entries(measuresOf(f))) d.m[k] = (d.m[k] ?? 0) + sign * v;
    byKey.set(id, d);
  }
  // A fixed order of rows within and across transactions: two changes never wait on each other's rows crosswise.
  return [...byKey.entries()]
    .filter(([, d]) => Object.values(d.m).some((v) => v !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}

function upsert(table: string, keyCols: readonly string[], measures: readonly string[], rows: Delta[]): SQL {
  const cols = [...keyCols, 'city_code', 'county_code', 'park_id', ...measures];
  const values = sql.join(
    rows.map(
      (d) =>
        sql`(${sql.join(
          [
            ...d.key.map((v) => sql`${v}`),
            sql`${d.scope.cityCode}`,
            sql`${d.scope.countyCode}`,
            sql`${d.scope.parkId}`,
            ...measures.map((k) => sql`${d.m[k] ?? 0}`),
          ],
          sql`, `,
        )})`,
    ),
    sql`, `,
  );
  const set = measures.map((k) => `${k} = ${table}.${k} + excluded.${k}`).join(', ');
  return sql`insert into ${raw(table)} (${raw(cols.join(', '))}) values ${values}
    on conflict (${raw(keyCols.join(', '))}) do update set ${raw(set)}`;
}

/**
 * Move one record in the figures: take out what it contributed before (null: it is new) and add what it contributes
 * after, in all three tables, in the caller's transaction — so the figures are never stale and never drift (issue 12).
 * Increments with `on conflict do update set x = x + excluded.x`: concurrent changes add up instead of overwriting.
 * The three upserts go as one statement (db/one-statement.ts): one round trip per change instead of three.
 */
export async function applyRecordDelta(tx: Db, before: RecordFacts | null, after: RecordFacts | null): Promise<void> {
  const statement = oneStatement(recordDeltaStatements(before, after));
  if (statement) await tx.execute(statement);
}

/**
 * applyRecordDelta's upserts (month, status, centre table; none for a table the change leaves as it is), for a
 * caller that joins them with its own writes into one statement. Each touches distinct rows of its own table.
 */
export function recordDeltaStatements(before: RecordFacts | null, after: RecordFacts | null): SQL[] {
  const month = deltas(before, after, (f) => [f.centreId, f.month, f.category, f.channel, f.status], monthMeasures);
  const status = deltas(before, after, (f) => [f.centreId, f.month, f.status], monthMeasures);
  const centre = deltas(
    before,
    after,
    (f) => [f.centreId, f.status],
    (f) => ({ records: 1, rated: f.level ? 1 : 0 }),
  );
  // Beijing year of submission = the month's first four characters. A cancelled record contributes nothing.
  const enterprise = deltas(
    before,
    after,
    (f) => [f.centreId, Number(f.month.slice(0, 4)), f.enterpriseId],
    (f) => ({ records: f.status === 'cancelled' ? 0 : 1 }),
  );
  const parts: SQL[] = [];
  if (month.length > 0) parts.push(upsert('service_figures_month', MONTH_KEY, MONTH_MEASURES, month));
  if (status.length > 0) parts.push(upsert('service_figures_status', STATUS_KEY, MONTH_MEASURES, status));
  if (centre.length > 0) parts.push(upsert('service_figures_centre', CENTRE_KEY, CENTRE_MEASURES, centre));
  if (enterprise.length > 0)
    parts.push(upsert('service_figures_enterprise', ENTERPRISE_KEY, ENTERPRISE_MEASURES, enterprise));
  return parts;
}
