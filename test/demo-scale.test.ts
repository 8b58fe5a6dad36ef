import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCreditCode } from '../src/contracts/credit-code';
import type { TServiceStats } from '../src/contracts/service-record';
import { buildApp } from '../src/server/app';
import { prepareDatabase } from '../src/server/bootstrap';
import type { Deps } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { generateScale, type ScaleResult, scaleRefusal } from '../src/server/demo/scale/generate';
import { SCALE_SIZES, type ScaleSize } from '../src/server/demo/scale/sizes';
import { verifyAuditChain } from '../src/server/lib/audit';
import { checkFigures } from '../src/server/modules/figures';
import { sendServiceReminders } from '../src/server/modules/service/reminders';
import { beijingDay } from '../src/server/policy/policy';
import { as, depsFor, loginAs, TestClock } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';
import { createTestDatabase, type TestDatabase } from './helpers/db';

/**
 * The province-sized generator (issue 12, decision 0015) at a tiny size: what it writes must be a state the
 * platform itself could reach, and the figures the statistics route gives must be the rows it wrote.
 */
const SIZE: ScaleSize = { ...SCALE_SIZES.tiny, cities: 2, centres: 3, enterprises: 200, records: 2_000 };

let database: TestDatabase;
let deps: Deps;
let app: FastifyInstance;
let result: ScaleResult;

async function one<T>(q: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await deps.db.execute(q))[0] as T;
}

beforeAll(async () => {
  database = await createTestDatabase();
  deps = depsFor(database, new TestClock());
  await prepareDatabase(database, deps);
  result = await generateScale(deps, SIZE, TEST_PASSWORD);
  app = await buildApp(deps, { webDir: '/nonexistent' });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('npm run demo:scale at a tiny size', () => {
  it('writes the counts asked for, in the cities asked for', async () => {
    const c = await one<{ cities: number; centres: number; enterprises: number; records: number }>(sql`select
      (select count(distinct city_code) from centres where status = 'operating')::int as cities,
      (select count(*) from centres where status = 'operating')::int as centres,
      (select count(*) from enterprises)::int as enterprises,
      (select count(*) from service_records)::int as records`);
    expect(c).toEqual({ cities: 2, centres: 3, enterprises: 200, records: 2_000 });
    expect(result).toMatchObject({ centres: 3, enterprises: 200, records: 2_000 });
  });

  it('records nothing at a centre before its operator was filed, nor after now', async () => {
    const c = await one<{ early: number; late: number }>(sql`select
      (select count(*) from service_records r where not exists (select 1 from engagements e
        join engagement_events v on v.engagement_id = e.id and v.to_status = 'filed'
        where e.centre_id = r.centre_id and v.at <= r.submitted_at))::int as early,
      (select count(*) from service_records r where greatest(r.submitted_at, r.accepted_at, r.completed_at,
        r.cancelled_at) > ${deps.clock().toISOString()}::timestamptz)::int as late`);
    expect(c).toEqual({ early: 0, late: 0 });
  });

  it('keeps statuses consistent with their timestamps, in order', async () => {
    const c = await one<{ bad: number }>(sql`select count(*)::int as bad from service_records where not (
      (status = 'submitted' and accepted_at is null and completed_at is null and cancelled_at is null)
      or (status in ('accepted', 'in_progress') and accepted_at >= submitted_at and completed_at is null
        and cancelled_at is null)
      or (status = 'completed' and accepted_at >= submitted_at and completed_at >= accepted_at
        and cancelled_at is null and result_text is not null)
      or (status = 'cancelled' and cancelled_at >= submitted_at and completed_at is null))`);
    expect(c.bad).toBe(0);
  });

  it('rates only completed records, by the enterprise served, after completion', async () => {
    const c = await one<{ rated: number; bad: number }>(sql`select count(*)::int as rated,
      count(*) filter (where r.status <> 'completed' or g.rated_at < r.completed_at
        or g.enterprise_id <> r.enterprise_id or u.enterprise_id is distinct from r.enterprise_id)::int as bad
      from service_ratings g join service_records r on r.id = g.record_id left join users u on u.id = g.rated_by`);
    expect(c.rated).toBeGreaterThan(100);
    expect(c.bad).toBe(0);
  });

  it('opens one rectification per 不满意/非常不满意 rating, due after it is opened', async () => {
    const c = await one<{ bad: number; rects: number; missing: number; extra: number; early: number }>(sql`select
      (select count(*) from service_ratings where level in ('dissatisfied', 'very_dissatisfied'))::int as bad,
      (select count(*) from rectifications)::int as rects,
      (select count(*) from service_ratings g where g.level in ('dissatisfied', 'very_dissatisfied')
        and not exists (select 1 from rectifications x where x.rating_id = g.id))::int as missing,
      (select count(*) from rectifications x join service_ratings g on g.id = x.rating_id
        where g.level not in ('dissatisfied', 'very_dissatisfied'))::int as extra,
      (select count(*) from rectifications where due_on <= opened_on
        or (answered_on is not null and answered_on < opened_on))::int as early`);
    expect(c.bad).toBeGreaterThan(0);
    expect(c).toMatchObject({ rects: c.bad, missing: 0, extra: 0, early: 0 });
  });

  it('has sent the reminders and warnings of the past: a server started on it chases nothing old', async () => {
    expect(await sendServiceReminders(deps)).toEqual({ ratingReminders: 0, dueSoon: 0 });
  });

  it('gives every enterprise a valid credit code of its own county', async () => {
    const rows = rowsOf<{ credit_code: string; county_code: string }>(
      await deps.db.execute(sql`select credit_code, county_code from enterprises`),
    );
    expect(
      rows.filter((r) => !validateCreditCode(r.credit_code).ok || r.credit_code.slice(2, 8) !== r.county_code),
    ).toEqual([]);
  });

  it('numbers records uniquely, FW + year, in the order they were submitted', async () => {
    const rows = rowsOf<{ number: string; submitted_at: string | Date }>(
      await deps.db.execute(sql`select number, submitted_at from service_records order by submitted_at, id`),
    );
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    const seq = rows.map((r) => Number(r.number.slice(6)));
    expect(seq.every((n, i) => i === 0 || n > (seq[i - 1] ?? 0))).toBe(true);
    expect(rows.every((r) => r.number.slice(2, 6) === new Date(r.submitted_at).toISOString().slice(0, 4))).toBe(true);
  });

  it('leaves an audit chain that verifies, with one entry per bulk batch', async () => {
    expect(await verifyAuditChain(deps.db, deps.auditKey)).toMatchObject({ ok: true, firstBroken: null });
    const c = await one<{ n: number }>(
      sql`select count(*)::int as n from audit_entries where action = 'demo.scale.generated'
        and coalesce(after->>'kind', '') not in ('trade_declarations', 'enterprises.trade')`,
    );
    expect(c.n).toBe(Math.ceil(SIZE.enterprises / SIZE.batch) + Math.ceil(SIZE.records / SIZE.batch));
  });

  it('gives the statistics route totals equal to a direct count of the rows', async () => {
    const cookie = await loginAs(app, 'province');
    const res = await as(app, cookie, { method: 'GET', url: '/api/service-stats' });
    expect(res.statusCode).toBe(200);
    const stats = res.json() as TServiceStats;
    const c = await one<{ total: number; completed: number; cancelled: number; rated: number }>(sql`select
      (select count(*) from service_records)::int as total,
      (select count(*) from service_records where status = 'completed')::int as completed,
      (select count(*) from service_records where status = 'cancelled')::int as cancelled,
      (select count(*) from service_ratings)::int as rated`);
    expect(stats.totals).toMatchObject({
      total: c.total,
      completed: c.completed,
      cancelled: c.cancelled,
      open: c.total - c.completed - c.cancelled,
    });
    expect(stats.totals.satisfaction.rated).toBe(c.rated);
    expect(stats.byCentre.reduce((s, x) => s + x.total, 0)).toBe(c.total);
  });

  it('leaves the figures layer equal to the recomputation from the rows it wrote in bulk', async () => {
    const found = await checkFigures(deps.db);
    expect(found.differences).toEqual([]);
    expect(found.checked).toBeGreaterThan(0);
  });

  it('generates the trade asked for (issue 13): lines adding up to their declarations, one intake a month', async () => {
    const c = await one<{ n: number; lines: number; counted: number; bad_sum: number; intake_n: number }>(sql`select
      (select count(*) from trade_declarations)::int as n,
      (select count(*) from trade_declaration_lines)::int as lines,
      (select sum(line_count) from trade_declarations)::int as counted,
      (select count(*) from trade_declarations d join (select declaration_id, sum(amount) a, sum(amount_cny_fen) f,
          sum(amount_usd_cent) u, count(*) k from trade_declaration_lines group by declaration_id) l
        on l.declaration_id = d.id where l.a <> d.amount or l.f <> d.amount_cny_fen or l.u <> d.amount_usd_cent
          or l.k <> d.line_count)::int as bad_sum,
      (select sum(declarations) from trade_intakes)::int as intake_n`);
    expect(result.trade).toMatchObject({ declarations: c.n, lines: c.lines });
    // Drawn around the size asked for, not exactly it.
    expect(c.lines).toBeGreaterThan(SIZE.lines * 0.6);
    expect(c.lines).toBeLessThan(SIZE.lines * 1.5);
    expect(c.counted).toBe(c.lines);
    expect(c.bad_sum).toBe(0);
    expect(c.intake_n).toBe(c.n);
    const months = await one<{ months: number; intakes: number; rated: number }>(sql`select
      (select count(distinct month) from trade_declarations)::int as months,
      (select count(*) from trade_intakes where channel = 'demo' and status = 'succeeded')::int as intakes,
      (select count(distinct month) from exchange_rates where currency = 'USD')::int as rated`);
    expect(months.months).toBeGreaterThanOrEqual(25);
    expect(months.intakes).toBe(months.months);
    expect(months.rated).toBeGreaterThanOrEqual(months.months);
  });

  it('converts every line with its month’s rate exactly as the intake path does, and nothing after yesterday', async () => {
    const c = await one<{ off: number; late: number; demo: number }>(sql`select
      (select count(*) from trade_declaration_lines l join trade_declarations d on d.id = l.declaration_id
        left join exchange_rates r on r.month = d.month and r.currency = d.currency
        join exchange_rates u on u.month = d.month and u.currency = 'USD'
        where l.amount_cny_fen <> round(l.amount * coalesce(r.cny_per_unit, 1) * 100)
          or l.amount_usd_cent <> round(l.amount_cny_fen * 1000000 / round(u.cny_per_unit * 1000000)))::int as off,
      (select count(*) from trade_declarations where declared_on >= ${beijingDay(deps.clock())}::date)::int as late,
      (select count(*) from trade_declarations where not is_demo or source <> 'demo')::int as demo`);
    expect(c).toEqual({ off: 0, late: 0, demo: 0 });
  });

  it('keeps 有进出口实绩 and first-trade dates consistent with the declarations, with new traders each year', async () => {
    const c = await one<{ bad: number; fresh: number; idle: number; traders: number }>(sql`
      with d as (select enterprise_id, min(declared_on) first_on from trade_declarations group by enterprise_id),
        w as (select min(declared_on) as start from trade_declarations)
      select
        (select count(*) from enterprises e left join d on d.enterprise_id = e.id cross join w
          where e.has_trade_record <> (e.first_trade_on is not null)
            or (d.first_on is not null and (e.first_trade_on is null or e.first_trade_on > d.first_on))
            or (e.first_trade_on >= date_trunc('year', w.start) and e.first_trade_on is distinct from d.first_on))::int as bad,
        (select count(*) from enterprises e cross join w where e.first_trade_on >= date_trunc('year', w.start))::int as fresh,
        (select count(*) from enterprises where not has_trade_record)::int as idle,
        (select count(*) from d)::int as traders`);
    expect(c.bad).toBe(0);
    // About 9 % of 200 enterprises a year over three years.
    expect(c.fresh).toBeGreaterThan(SIZE.enterprises * 0.12);
    expect(c.fresh).toBeLessThan(SIZE.enterprises * 0.45);
    expect(c.idle).toBeGreaterThan(0);
    expect(result.trade?.traders).toBe(c.traders);
  });

  it('refuses to run again on a database that now holds demo data', async () => {
    expect(await scaleRefusal(deps)).toMatchObject({ en: expect.stringContaining('already holds demo data') });
  });

  it('refuses, saying why, a database holding anything that is not demo data', async () => {
    await deps.db.execute(sql`update parks set is_demo = false where id = (select min(id) from parks)`);
    expect(await scaleRefusal(deps)).toMatchObject({ zh: expect.stringContaining('非演示数据') });
    await expect(generateScale(deps, SIZE, TEST_PASSWORD)).rejects.toThrow(/not demo data/);
    await deps.db.execute(sql`update parks set is_demo = true where id = (select min(id) from parks)`);
  });
});
