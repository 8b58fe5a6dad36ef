import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/server/bootstrap';
import type { Deps } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { loadDemo } from '../src/server/demo/load-demo';
import { DEMO_CURRENCIES, monthsBetween } from '../src/server/demo/trade-factory';
import { verifyAuditChain } from '../src/server/lib/audit';
import { checkFigures } from '../src/server/modules/figures';
import { beijingDay } from '../src/server/policy/policy';
import { depsFor, TestClock } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';
import { createTestDatabase, type TestDatabase } from './helpers/db';

/**
 * Issue 13: the demo holds trade — the province's monthly rates since 2023 and the demo enterprises' declarations,
 * taken in through the one intake path, with growth and decline, and enterprises that began to trade after a centre
 * served them; their 有进出口实绩 and first-trade dates agree with their declarations.
 */
describe('demo trade data (issue 13)', () => {
  let database: TestDatabase;
  let deps: Deps;
  let today: string;
  const q = async <T>(s: SQL) => rowsOf<T>(await database.db.execute(s));

  beforeAll(async () => {
    database = await createTestDatabase();
    const clock = new TestClock();
    deps = depsFor(database, clock);
    today = beijingDay(clock.fn());
    await prepareDatabase(database, deps);
    await loadDemo(deps, TEST_PASSWORD);
  }, 240_000);
  afterAll(async () => database?.close());

  it('has every month’s rate for every currency from 2023-01 to this month', async () => {
    const rows = await q<{ month: string; n: number }>(
      sql`select month, count(*)::int as n from exchange_rates group by month order by month`,
    );
    expect(rows.map((r) => r.month)).toEqual(monthsBetween('2023-01', today.slice(0, 7)));
    expect(rows.every((r) => r.n === DEMO_CURRENCIES.length)).toBe(true);
    const usd = await q<{ lo: string; hi: string }>(
      sql`select min(cny_per_unit)::text as lo, max(cny_per_unit)::text as hi from exchange_rates where currency = 'USD'`,
    );
    // Realistic and drifting a little, not fixed.
    expect(Number(usd[0]?.lo)).toBeGreaterThan(6.2);
    expect(Number(usd[0]?.hi)).toBeLessThan(7.9);
    expect(usd[0]?.lo).not.toBe(usd[0]?.hi);
  });

  it('takes the declarations in through successful demo intakes, lines adding up to the totals', async () => {
    const [d] = await q<{ n: number; demo: number; fen: string; line_fen: string; lines: number; counted: number }>(
      sql`select count(*)::int as n, count(*) filter (where is_demo and source = 'demo')::int as demo,
        sum(amount_cny_fen)::text as fen, sum(line_count)::int as counted,
        (select sum(amount_cny_fen)::text from trade_declaration_lines) as line_fen,
        (select count(*)::int from trade_declaration_lines) as lines from trade_declarations`,
    );
    expect(d?.n).toBeGreaterThan(1000);
    expect(d?.demo).toBe(d?.n);
    expect(d?.fen).toBe(d?.line_fen);
    expect(d?.lines).toBe(d?.counted);
    const intakes = await q<{ status: string; channel: string; n: number; declarations: number }>(
      sql`select status, channel, count(*)::int as n, sum(declarations)::int as declarations from trade_intakes
        group by status, channel`,
    );
    expect(intakes).toEqual([{ status: 'succeeded', channel: 'demo', n: expect.any(Number), declarations: d?.n }]);
    const audited = await q<{ n: number }>(
      sql`select count(*)::int as n from audit_entries where action = 'trade.intake'`,
    );
    expect(audited[0]?.n).toBe(intakes[0]?.n);
    const late = await q<{ n: number }>(
      sql`select count(*)::int as n from trade_declarations where declared_on >= ${today}::date`,
    );
    expect(late[0]?.n).toBe(0);
    expect(await verifyAuditChain(database.db, deps.auditKey)).toMatchObject({ ok: true });
    expect((await checkFigures(database.db)).differences).toEqual([]);
  });

  it('uses the usual trade modes, partners and HS chapters', async () => {
    const modes = (await q<{ m: string }>(sql`select distinct trade_mode as m from trade_declarations`)).map(
      (r) => r.m,
    );
    expect(modes).toEqual(expect.arrayContaining(['0110', '0615', '0214', '1039', '9610', '9710', '9810']));
    const [general] = await q<{ share: number }>(
      sql`select avg((trade_mode = '0110')::int)::float as share from trade_declarations`,
    );
    expect(general?.share).toBeGreaterThan(0.6);
    const countries = (await q<{ c: string }>(sql`select distinct country as c from trade_declarations`)).map(
      (r) => r.c,
    );
    expect(countries).toEqual(expect.arrayContaining(['US', 'JP', 'KR', 'DE', 'VN', 'MY', 'RU', 'AE', 'BR']));
    const chapters = (await q<{ c: string }>(sql`select distinct hs_chapter as c from trade_declaration_lines`)).map(
      (r) => r.c,
    );
    expect(chapters).toEqual(expect.arrayContaining(['84', '85', '61', '62', '29', '09']));
  });

  it('has enterprises growing and declining from one full year to the next', async () => {
    const year = Number(today.slice(0, 4)) - 1;
    const rows = await q<{ change: number }>(sql`
      select (sum(amount_usd_cent) filter (where declared_on >= ${`${year}-01-01`}::date)::float
        / nullif(sum(amount_usd_cent) filter (where declared_on < ${`${year}-01-01`}::date), 0)) - 1 as change
      from trade_declarations where declared_on between ${`${year - 1}-01-01`}::date and ${`${year}-12-31`}::date
      group by enterprise_id`);
    const changes = rows.map((r) => r.change).filter((c) => c !== null);
    expect(changes.filter((c) => c > 0.2).length).toBeGreaterThanOrEqual(5);
    expect(changes.filter((c) => c < -0.2).length).toBeGreaterThanOrEqual(5);
  });

  it('keeps 有进出口实绩 and the first-trade date consistent, new traders starting after a service', async () => {
    const inconsistent = await q<{ id: number }>(sql`
      select e.id from enterprises e left join (select enterprise_id, min(declared_on) as first_on
        from trade_declarations group by enterprise_id) d on d.enterprise_id = e.id
      where (d.first_on is not null and (not e.has_trade_record or e.first_trade_on is null
          or e.first_trade_on > d.first_on or (e.first_trade_on >= '2023-01-01' and e.first_trade_on <> d.first_on)))
        or (d.first_on is null and e.has_trade_record and e.first_trade_on >= '2023-01-01')`);
    expect(inconsistent).toEqual([]);
    const fresh = await q<{ id: number; served_before: boolean }>(sql`
      select e.id, exists (select 1 from service_records s where s.enterprise_id = e.id
        and s.completed_at < e.first_trade_on::timestamptz) as served_before
      from enterprises e where e.first_trade_on >= ${`${Number(today.slice(0, 4)) - 1}-01-01`}::date`);
    expect(fresh.length).toBeGreaterThanOrEqual(3);
    expect(fresh.filter((r) => !r.served_before)).toEqual([]);
    const [still] = await q<{ n: number }>(sql`select count(*)::int as n from enterprises where not has_trade_record`);
    expect(still?.n).toBeGreaterThan(0);
  });
});
