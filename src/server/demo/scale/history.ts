import { sql } from 'drizzle-orm';
import { SERVICE_SUB_ITEMS } from '../../../contracts/service-catalogue';
import { BAD_RATING_LEVELS, type TRatingLevel } from '../../../contracts/service-record';
import { auditContext, type Deps, systemContext } from '../../context';
import { type Db, rowsOf } from '../../db/client';
import { writeAudit } from '../../lib/audit';
import { REMINDERS } from '../../modules/service/reminders';
import { beijingDay, type PolicyInForce, policyInForce } from '../../policy/policy';
import { addDays, addWorkingDays, rectificationDeadline } from '../../policy/rules/deadlines';
import { enterpriseCreditCode } from '../enterprise-factory';
import { cachedHash } from '../factories';
import { companyName, contactName, mobileNumber, type Random, seededRandom, shortPlace } from '../people';
import {
  ANSWERS,
  BAD_COMMENTS,
  BASIC_COMMENTS,
  CATEGORIES,
  GOOD_COMMENTS,
  RESULTS,
  ratingLevel,
  SEASON,
  scores,
  weighted,
} from '../service-demo';
import type { ScaleSize } from './sizes';
import type { ScaleCentre, ScaleWorld } from './world';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Progress of the bulk phases: rows written of the rows planned, for the terminal's bar. */
export type ScaleProgress = (phase: 'enterprises' | 'records' | 'trade lines', done: number, total: number) => void;

interface ScaleEnterprise {
  id: number;
  name: string;
  userId: number | null;
}

/** One audit entry per bulk batch (decision 0015): what was written, by number range, not row by row. */
async function auditBatch(tx: Db, deps: Deps, after: Record<string, unknown>): Promise<void> {
  await writeAudit(tx, auditContext(systemContext(deps)), {
    action: 'demo.scale.generated',
    objectType: 'demo',
    objectId: null,
    after,
  });
}

/** A JSON array of rows, read back by json_to_recordset (text, parsed once; no jsonb build): one parameter per batch, on PostgreSQL and PGlite alike. */
function json(rows: unknown[]): string {
  return JSON.stringify(rows);
}

/**
 * Enterprises of the centres' counties (most in the centre's park), approved as a centre enters them, with valid
 * region-true credit codes (GB 32100); 85 % with their account enterprise.<credit code>. Each belongs to one centre
 * (the one that serves it) in proportion to the centre's volume, at least a handful each.
 */
export async function writeScaleEnterprises(
  deps: Deps,
  world: ScaleWorld,
  size: ScaleSize,
  password: string,
  progress: ScaleProgress,
): Promise<Map<number, ScaleEnterprise[]>> {
  const r = seededRandom(2_000_003);
  const hash = await cachedHash(password);
  const names = new Map(
    rowsOf<{ code: string; name: string }>(await deps.db.execute(sql`select code, name from regions`)).map((x) => [
      x.code,
      x.name,
    ]),
  );
  const totalWeight = world.centres.reduce((s, c) => s + c.weight, 0);
  // Largest remainder: exactly size.enterprises, at least 3 per centre when there are enough.
  const floor = Math.min(3, Math.floor(size.enterprises / Math.max(1, world.centres.length)));
  const spare = size.enterprises - floor * world.centres.length;
  const quotas = world.centres.map((c) => floor + (spare * c.weight) / totalWeight);
  const counts = quotas.map(Math.floor);
  const left = size.enterprises - counts.reduce((s, n) => s + n, 0);
  [...quotas.keys()]
    .sort((a, b) => (quotas[b] ?? 0) - Math.floor(quotas[b] ?? 0) - ((quotas[a] ?? 0) - Math.floor(quotas[a] ?? 0)))
    .slice(0, left)
    .forEach((k) => {
      counts[k] = (counts[k] ?? 0) + 1;
    });
  const plan: { centre: ScaleCentre; serial: number }[] = [];
  let serial = 100_000;
  for (const [k, c] of world.centres.entries())
    for (let i = 0; i < (counts[k] ?? 0); i++) plan.push({ centre: c, serial: serial++ });

  const byCentre = new Map<number, ScaleEnterprise[]>();
  progress('enterprises', 0, plan.length);
  const enteredAt = (c: ScaleCentre) => new Date(c.filedAt.getTime() + HOUR);
  for (let i = 0; i < plan.length; i += size.batch) {
    const batch = plan.slice(i, i + size.batch);
    const rows = batch.map(({ centre: c, serial: s }) => {
      const place = shortPlace(names.get(c.countyCode) ?? '湖北');
      const trade = r.chance(0.7);
      return {
        credit_code: enterpriseCreditCode(c.countyCode, s),
        name: companyName(r, place),
        county_code: c.countyCode,
        city_code: c.cityCode,
        park_id: r.chance(0.8) ? c.parkId : null,
        address: `${names.get(c.cityCode) ?? ''}${names.get(c.countyCode) ?? ''}${place}大道${r.int(1, 999)}号`,
        contact_person: contactName(r, ['经理', '主管', '总监']),
        contact_phone: mobileNumber(r),
        has_trade_record: trade,
        at: enteredAt(c).toISOString(),
        account: r.chance(0.85),
      };
    });
    await deps.db.transaction(async (tx) => {
      const inserted = rowsOf<{ id: number; credit_code: string }>(
        await tx.execute(sql`
          insert into enterprises (credit_code, name, county_code, city_code, park_id, address, contact_person,
            contact_phone, has_trade_record, status, source, is_demo, created_at, updated_at)
          select credit_code, name, county_code, city_code, park_id, address, contact_person, contact_phone,
            has_trade_record, 'approved', 'centre', true, at, at
          from json_to_recordset(${json(rows)}::json) as x(credit_code text, name text, county_code text,
            city_code text, park_id int, address text, contact_person text, contact_phone text,
            has_trade_record boolean, at timestamptz)
          returning id, credit_code`),
      );
      const idOf = new Map(inserted.map((x) => [x.credit_code, Number(x.id)]));
      const accounts = rows
        .filter((x) => x.account)
        .map((x) => ({
          username: `enterprise.${x.credit_code}`,
          display_name: x.name,
          enterprise_id: idOf.get(x.credit_code),
          at: x.at,
        }));
      const users = accounts.length
        ? rowsOf<{ id: number; enterprise_id: number }>(
            await tx.execute(sql`
              insert into users (username, display_name, role, password_hash, enterprise_id, is_demo, created_at,
                updated_at)
              select username, display_name, 'enterprise', ${hash}, enterprise_id, true, at, at
              from json_to_recordset(${json(accounts)}::json) as x(username text, display_name text,
                enterprise_id int, at timestamptz)
              returning id, enterprise_id`),
          )
        : [];
      const userOf = new Map(users.map((u) => [Number(u.enterprise_id), Number(u.id)]));
      for (const [k, { centre }] of batch.entries()) {
        const id = idOf.get(rows[k]?.credit_code ?? '');
        if (id === undefined) throw new Error('enterprise insert returned too few rows');
        const list = byCentre.get(centre.id) ?? [];
        list.push({ id, name: rows[k]?.name ?? '', userId: userOf.get(id) ?? null });
        byCentre.set(centre.id, list);
      }
      await auditBatch(tx, deps, {
        kind: 'enterprises',
        enterprises: inserted.length,
        accounts: users.length,
        firstId: inserted[0]?.id ?? null,
        lastId: inserted.at(-1)?.id ?? null,
      });
    });
    progress('enterprises', Math.min(plan.length, i + batch.length), plan.length);
  }
  return byCentre;
}

/** Beijing weekday (0 Sunday) of a Beijing day's midnight. */
function weekdayOf(dayStart: number): number {
  return new Date(dayStart + 8 * HOUR).getUTCDay();
}

interface PlannedRecord {
  centre: ScaleCentre;
  enterprise: ScaleEnterprise;
  submittedAt: Date;
  r: Random;
}

interface RecordRow {
  number: string;
  reminder_count: number;
  last_reminded_at: string | null;
  centre_id: number;
  enterprise_id: number;
  county_code: string;
  city_code: string;
  park_id: number;
  category: string;
  sub_item: string;
  channel: string;
  source: string;
  request_text: string;
  status: string;
  assignee_id: number | null;
  result_text: string | null;
  cancel_reason: string | null;
  submitted_at: string;
  accepted_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  created_by: number | null;
  version: number;
  updated_at: string;
}

interface Extra {
  progress: {
    kind: string;
    note: string | null;
    status_after: string;
    actor: 'requester' | 'operator' | 'enterprise';
    at: Date;
  }[];
  rating: {
    level: TRatingLevel;
    efficiency: number;
    attitude: number;
    professionalism: number;
    comment: string;
    at: Date;
  } | null;
  centre: ScaleCentre;
  enterprise: ScaleEnterprise;
  source: 'enterprise' | 'staff';
}

/**
 * Service records over the history, written day by day in the order they were submitted, so that every year's
 * FW numbers read in date order. Each (centre, day) gets its share of the total by the centre's weight, the month
 * (SEASON: quiet at the Spring Festival, busy before the Canton Fair and at the year's end), weekdays (weekends a
 * trickle) and a ramp in its first month; counts are rounded on the running sum so the total is exactly as asked.
 * Statuses follow the timestamps (nothing after now), ratings only on completed records by the enterprise's own
 * account, and every 不满意/非常不满意 opens a rectification due on the working-day calendar (the policy's rule).
 */
export async function writeScaleHistory(
  deps: Deps,
  world: ScaleWorld,
  enterprises: Map<number, ScaleEnterprise[]>,
  size: ScaleSize,
  progress: ScaleProgress,
): Promise<{ records: number; ratings: number; rectifications: number; progress: number }> {
  const now = deps.clock();
  const today = beijingDay(now);
  const firstDay = new Date(`${beijingDay(world.start)}T00:00:00+08:00`).getTime();
  const lastDay = new Date(`${today}T00:00:00+08:00`).getTime() - DAY; // through yesterday
  const centres = world.centres.filter((c) => (enterprises.get(c.id)?.length ?? 0) > 0);
  const expect = (c: ScaleCentre, dayStart: number): number => {
    const open = c.filedAt.getTime();
    if (dayStart + DAY <= open) return 0;
    const wd = weekdayOf(dayStart);
    const month = new Date(dayStart + 8 * HOUR).getUTCMonth();
    const ramp = Math.min(1, 0.3 + (0.7 * (dayStart - open)) / (30 * DAY));
    return c.weight * (SEASON[month] ?? 1) * (wd === 0 || wd === 6 ? 0.05 : 1) * Math.max(0.3, ramp);
  };
  let total = 0;
  for (let d = firstDay; d <= lastDay; d += DAY) for (const c of centres) total += expect(c, d);
  if (total === 0) throw new Error('no centre is operating before today: nothing to record');
  const scale = size.records / total;

  const policies = new Map<string, PolicyInForce>();
  // Read in the batch's own transaction: PGlite has one connection, busy with it.
  const policyOn = async (db: Db, day: string) => {
    let p = policies.get(day);
    if (!p) {
      p = await policyInForce(db, day);
      policies.set(day, p);
    }
    return p;
  };
  const sums = { records: 0, ratings: 0, rectifications: 0, progress: 0 };
  const r = seededRandom(3_000_017);
  let pending: PlannedRecord[] = [];
  let cum = 0;
  let written = 0;
  progress('records', 0, size.records);
  // The whole history's numbers, reserved at once from the platform's own sequence (FW + year + six) and handed out
  // in submission order: every year's numbers follow its dates, and a record made meanwhile gets a later one.
  const [reserved] = rowsOf<{ n: number }>(
    await deps.db.execute(sql`select setval('service_record_number_seq',
      nextval('service_record_number_seq') + ${size.records - 1}) - ${size.records - 1} as n`),
  );
  let nextNumber = Number(reserved?.n);
  let inflight: Promise<void> = Promise.resolve();
  const flush = async (all: boolean) => {
    while (pending.length >= size.batch || (all && pending.length > 0)) {
      const batch = pending.slice(0, size.batch);
      pending = pending.slice(batch.length);
      const store = planBatch(deps, batch, now, today, policyOn, sums, nextNumber);
      nextNumber += batch.length;
      await inflight;
      const stored = store().then(() => {
        written += batch.length;
        progress('records', written, size.records);
      });
      // Its failure is thrown where it is awaited (next batch or the end), not as an unhandled rejection meanwhile.
      stored.catch(() => {});
      inflight = stored;
    }
  };
  for (let d = firstDay; d <= lastDay; d += DAY) {
    const day: PlannedRecord[] = [];
    for (const c of centres) {
      const before = Math.round(cum);
      cum += expect(c, d) * scale;
      const n = Math.round(cum) - before;
      const list = enterprises.get(c.id) ?? [];
      for (let k = 0; k < n; k++) {
        // Office hours for the window; online requests come at any waking hour. Never before the filing.
        const online = r.chance(0.45);
        const offset = online ? r.int(7 * 60, 23 * 60) : r.int(8 * 60 + 30, 17 * 60 + 30);
        const submittedAt = new Date(Math.max(d + offset * 60_000, c.filedAt.getTime() + 60_000));
        // A few regulars ask often; most enterprises now and then (index skewed towards the front).
        const enterprise = list[Math.floor(list.length * r.next() ** 2)] as ScaleEnterprise;
        day.push({ centre: c, enterprise, submittedAt, r: seededRandom(r.int(1, 2 ** 31)) });
      }
    }
    day.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    pending.push(...day);
    await flush(false);
  }
  await flush(true);
  await inflight;
  return sums;
}

function planBatch(
  deps: Deps,
  batch: PlannedRecord[],
  now: Date,
  today: string,
  policyOn: (db: Db, day: string) => Promise<PolicyInForce>,
  sums: { records: number; ratings: number; rectifications: number; progress: number },
  firstNumber: number,
): () => Promise<void> {
  const nowMs = now.getTime();
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const records: RecordRow[] = [];
  const extras: Extra[] = [];
  for (const p of batch) {
    const { r, centre: c, enterprise: e } = p;
    const offered = CATEGORIES.filter(([cat]) => c.services.includes(cat));
    const [category, , [lo, hi], texts] = weighted(
      r,
      offered,
      offered.reduce((s, x) => s + x[1], 0),
    );
    const items = SERVICE_SUB_ITEMS[category];
    const subItem = items[Math.floor(r.next() * items.length)]?.key ?? 'other';
    const source: 'enterprise' | 'staff' = e.userId !== null && r.chance(0.45) ? 'enterprise' : 'staff';
    const channel = source === 'enterprise' ? 'online' : r.pick(['window', 'window', 'window', 'onsite', 'online']);
    const submittedAt = p.submittedAt;
    const q = c.quality;
    const withdrawn = source === 'enterprise' && r.chance(0.02);
    let acceptedAt: Date | null =
      source === 'staff' ? submittedAt : new Date(submittedAt.getTime() + (0.2 + r.next() * 6) * q * HOUR);
    let cancelledAt: Date | null = null;
    if (withdrawn) {
      cancelledAt = new Date(submittedAt.getTime() + (0.1 + r.next() * 0.15) * HOUR);
      acceptedAt = null;
    }
    const hours = (lo + (hi - lo) * r.next() ** 1.5) * q;
    let completedAt = acceptedAt ? new Date(acceptedAt.getTime() + hours * HOUR) : null;
    let progressAt =
      acceptedAt && (hours > 24 || r.chance(0.3))
        ? new Date(acceptedAt.getTime() + Math.min(hours / 3, 48) * HOUR)
        : null;
    // A few are left in progress (awaiting documents), whatever their age.
    if (completedAt && r.chance(0.004)) completedAt = null;
    // Nothing happens after now: what would have, has not happened yet.
    if (cancelledAt && cancelledAt.getTime() > nowMs) cancelledAt = null;
    if (acceptedAt && acceptedAt.getTime() > nowMs) acceptedAt = progressAt = completedAt = null;
    if (progressAt && progressAt.getTime() > nowMs) progressAt = null;
    if (completedAt && completedAt.getTime() > nowMs) completedAt = null;
    if (!completedAt && acceptedAt && !progressAt && r.chance(0.5) && acceptedAt.getTime() + HOUR < nowMs)
      progressAt = new Date(acceptedAt.getTime() + HOUR);
    const status = cancelledAt
      ? 'cancelled'
      : completedAt
        ? 'completed'
        : progressAt
          ? 'in_progress'
          : acceptedAt
            ? 'accepted'
            : 'submitted';
    const steps: Extra['progress'] = [
      {
        kind: source === 'enterprise' ? 'submitted' : 'accepted',
        note: null,
        status_after: source === 'enterprise' ? 'submitted' : 'accepted',
        actor: 'requester',
        at: submittedAt,
      },
    ];
    if (source === 'enterprise' && acceptedAt)
      steps.push({ kind: 'accepted', note: null, status_after: 'accepted', actor: 'operator', at: acceptedAt });
    if (cancelledAt)
      steps.push({
        kind: 'cancelled',
        note: '企业撤回申请。',
        status_after: 'cancelled',
        actor: 'requester',
        at: cancelledAt,
      });
    if (progressAt)
      steps.push({
        kind: 'progress',
        note: '已收到企业资料，正在审核办理。',
        status_after: 'in_progress',
        actor: 'operator',
        at: progressAt,
      });
    const resultText = RESULTS[category] ?? '已办结，相关材料已交企业。';
    if (completedAt)
      steps.push({
        kind: 'completed',
        note: resultText,
        status_after: 'completed',
        actor: 'operator',
        at: completedAt,
      });
    let rating: Extra['rating'] = null;
    if (completedAt && e.userId !== null && r.chance(c.rateShare)) {
      const at = new Date(completedAt.getTime() + (600_000 + r.next() * 4 * DAY));
      if (at.getTime() < nowMs) {
        const level = ratingLevel(r, c.quality);
        const comment = (BAD_RATING_LEVELS as readonly string[]).includes(level)
          ? r.pick(BAD_COMMENTS)
          : r.pick(level === 'basic' ? BASIC_COMMENTS : GOOD_COMMENTS);
        rating = { level, ...scores(r, level), comment, at };
      }
    }
    const last = steps.at(-1)?.at ?? submittedAt;
    // The rating reminders the housekeeping would have sent (REMINDERS: 3 and 7 days after completion, while
    // unrated), so that a server started on this data does not chase a year of old records at once.
    const done = completedAt;
    const reminders = done
      ? [REMINDERS.firstReminderDays, REMINDERS.secondReminderDays]
          .map((d) => new Date(done.getTime() + d * DAY))
          .filter((t) => t.getTime() <= Math.min(nowMs, rating ? rating.at.getTime() : nowMs))
      : [];
    records.push({
      number: '',
      reminder_count: reminders.length,
      last_reminded_at: iso(reminders.at(-1) ?? null),
      centre_id: c.id,
      enterprise_id: e.id,
      county_code: c.countyCode,
      city_code: c.cityCode,
      park_id: c.parkId,
      category,
      sub_item: subItem,
      channel,
      source,
      request_text: r.pick(texts),
      status,
      assignee_id: acceptedAt ? (c.staffIds[Math.floor(r.next() * c.staffIds.length)] ?? null) : null,
      result_text: completedAt ? resultText : null,
      cancel_reason: cancelledAt ? '企业撤回申请。' : null,
      submitted_at: submittedAt.toISOString(),
      accepted_at: iso(acceptedAt),
      completed_at: iso(completedAt),
      cancelled_at: iso(cancelledAt),
      created_by: source === 'enterprise' ? e.userId : c.operator.id,
      version: steps.length,
      updated_at: last.toISOString(),
    });
    extras.push({ progress: steps, rating, centre: c, enterprise: e, source });
  }

  for (const [k, row] of records.entries())
    row.number = `FW${row.submitted_at.slice(0, 4)}${String(firstNumber + k).padStart(6, '0')}`;
  // Planned now (synchronously), stored when the previous batch has committed: generating the next batch overlaps
  // the database's work on this one.
  return () =>
    deps.db.transaction(async (tx) => {
      const inserted = rowsOf<{ id: number; number: string }>(
        await tx.execute(sql`
        insert into service_records (number, centre_id, enterprise_id, county_code, city_code, park_id, category,
          sub_item, channel, source, request_text, status, assignee_id, result_text, cancel_reason, submitted_at,
          accepted_at, completed_at, cancelled_at, created_by, is_demo, version, updated_at, reminder_count,
          last_reminded_at)
        select number, centre_id, enterprise_id, county_code, city_code, park_id, category, sub_item, channel,
          source, request_text, status, assignee_id, result_text, cancel_reason, submitted_at, accepted_at,
          completed_at, cancelled_at, created_by, true, version, updated_at, reminder_count, last_reminded_at
        from json_to_recordset(${json(records)}::json) as x(number text, centre_id int, enterprise_id int,
          county_code text, city_code text, park_id int, category text, sub_item text, channel text, source text,
          request_text text, status text, assignee_id int, result_text text, cancel_reason text,
          submitted_at timestamptz, accepted_at timestamptz, completed_at timestamptz, cancelled_at timestamptz,
          created_by int, version int, updated_at timestamptz, reminder_count int, last_reminded_at timestamptz)
        returning id, number`),
      );
      const idOf = new Map(inserted.map((x) => [x.number, Number(x.id)]));
      const progressRows: unknown[] = [];
      const ratingRows: (Record<string, unknown> & { record_id: number })[] = [];
      for (const [k, row] of records.entries()) {
        const id = idOf.get(row.number);
        const x = extras[k];
        if (id === undefined || !x) throw new Error('service record insert returned too few rows');
        const op = x.centre.operator;
        for (const s of x.progress) {
          const requester = x.source === 'enterprise' ? 'enterprise' : 'operator';
          const who = s.actor === 'requester' ? requester : s.actor;
          progressRows.push({
            record_id: id,
            kind: s.kind,
            note: s.note,
            status_after: s.status_after,
            actor_id: who === 'operator' ? op.id : x.enterprise.userId,
            actor_name: who === 'operator' ? op.displayName : x.enterprise.name,
            actor_role: who,
            at: s.at.toISOString(),
          });
        }
        if (x.rating) {
          const { at, ...rest } = x.rating;
          ratingRows.push({
            record_id: id,
            enterprise_id: x.enterprise.id,
            centre_id: x.centre.id,
            county_code: x.centre.countyCode,
            city_code: x.centre.cityCode,
            ...rest,
            rated_by: x.enterprise.userId,
            rated_at: at.toISOString(),
          });
          progressRows.push({
            record_id: id,
            kind: 'rated',
            note: null,
            status_after: 'completed',
            actor_id: x.enterprise.userId,
            actor_name: x.enterprise.name,
            actor_role: 'enterprise',
            at: at.toISOString(),
          });
        }
      }
      await tx.execute(sql`
      insert into service_progress (record_id, centre_id, kind, note, status_after, actor_id, actor_name, actor_role,
        at)
      select x.record_id, r.centre_id, x.kind, x.note, x.status_after, x.actor_id, x.actor_name, x.actor_role, x.at
      from json_to_recordset(${json(progressRows)}::json) as x(record_id int, kind text, note text,
        status_after text, actor_id int, actor_name text, actor_role text, at timestamptz)
      join service_records r on r.id = x.record_id`);
      let rectified = 0;
      if (ratingRows.length) {
        const rated = rowsOf<{ id: number; record_id: number }>(
          // The record carries its rating's level, as rate-service writes it (decision 0017).
          await tx.execute(sql`
          with rated as (
          insert into service_ratings (record_id, enterprise_id, centre_id, county_code, city_code, level, efficiency,
            attitude, professionalism, comment, rated_by, rated_at)
          select record_id, enterprise_id, centre_id, county_code, city_code, level, efficiency, attitude,
            professionalism, comment, rated_by, rated_at
          from json_to_recordset(${json(ratingRows)}::json) as x(record_id int, enterprise_id int, centre_id int,
            county_code text, city_code text, level text, efficiency int, attitude int, professionalism int,
            comment text, rated_by int, rated_at timestamptz)
          returning id, record_id, level
          ), copied as (
            update service_records r set rating_level = rated.level from rated where r.id = rated.record_id
          )
          select id, record_id from rated`),
        );
        const ratingOf = new Map(rated.map((x) => [Number(x.record_id), Number(x.id)]));
        const rects: unknown[] = [];
        for (const row of ratingRows) {
          const level = row.level as TRatingLevel;
          if (!(BAD_RATING_LEVELS as readonly string[]).includes(level)) continue;
          const k = records.findIndex((x) => idOf.get(x.number) === row.record_id);
          const x = extras[k];
          const ratedAt = new Date(String(row.rated_at));
          const openedOn = beijingDay(ratedAt);
          const policy = await policyOn(tx, openedOn);
          const dueOn = rectificationDeadline(openedOn, policy);
          const rr = seededRandom(row.record_id);
          // Most answered within the deadline, some after it; the county follows up a few days later.
          const answeredOn = addDays(openedOn, rr.chance(0.85) ? rr.int(2, 14) : rr.int(22, 35));
          const answered = answeredOn <= today;
          const followedUpOn = addDays(answeredOn, rr.int(1, 6));
          const closed = answered && followedUpOn <= today;
          const lastDay = closed ? followedUpOn : answered ? answeredOn : null;
          // The due-soon warning (REMINDERS.dueSoonWorkingDays before the due day), if still unanswered by then.
          let warnDay = openedOn;
          while (addWorkingDays(warnDay, REMINDERS.dueSoonWorkingDays) < dueOn) warnDay = addDays(warnDay, 1);
          const warned = warnDay <= today && (!answered || answeredOn > warnDay);
          rects.push({
            rating_id: ratingOf.get(row.record_id),
            record_id: row.record_id,
            centre_id: row.centre_id,
            county_code: row.county_code,
            city_code: row.city_code,
            status: closed ? 'closed' : answered ? 'answered' : 'open',
            opened_on: openedOn,
            due_on: dueOn,
            answer: answered ? rr.pick(ANSWERS) : null,
            answered_on: answered ? answeredOn : null,
            answered_by: answered ? x?.centre.operator.id : null,
            follow_up: closed ? '经回访企业，整改措施已落实，同意销号。' : null,
            followed_up_on: closed ? followedUpOn : null,
            followed_up_by: closed ? x?.centre.county.id : null,
            policy_version: policy.version,
            warned_at: warned
              ? new Date(Math.min(nowMs, new Date(`${warnDay}T09:00:00+08:00`).getTime())).toISOString()
              : null,
            version: 1 + (answered ? 1 : 0) + (closed ? 1 : 0),
            created_at: ratedAt.toISOString(),
            updated_at: lastDay
              ? new Date(Math.min(nowMs, new Date(`${lastDay}T10:00:00+08:00`).getTime())).toISOString()
              : ratedAt.toISOString(),
          });
        }
        if (rects.length)
          await tx.execute(sql`
          insert into rectifications (rating_id, record_id, centre_id, county_code, city_code, status, opened_on,
            due_on, answer, answered_on, answered_by, follow_up, followed_up_on, followed_up_by, policy_version,
            warned_at, version, created_at, updated_at)
          select rating_id, record_id, centre_id, county_code, city_code, status, opened_on, due_on, answer,
            answered_on, answered_by, follow_up, followed_up_on, followed_up_by, policy_version, warned_at, version,
            created_at, updated_at
          from json_to_recordset(${json(rects)}::json) as x(rating_id int, record_id int, centre_id int,
            county_code text, city_code text, status text, opened_on date, due_on date, answer text,
            answered_on date, answered_by int, follow_up text, followed_up_on date, followed_up_by int,
            policy_version int, warned_at timestamptz, version int, created_at timestamptz, updated_at timestamptz)`);
        rectified = rects.length;
      }
      await auditBatch(tx, deps, {
        kind: 'service_records',
        records: records.length,
        progress: progressRows.length,
        ratings: ratingRows.length,
        rectifications: rectified,
        firstNumber: records[0]?.number ?? null,
        lastNumber: records.at(-1)?.number ?? null,
      });
      sums.records += records.length;
      sums.ratings += ratingRows.length;
      sums.rectifications += rectified;
      sums.progress += progressRows.length;
    });
}
