import { sql } from 'drizzle-orm';
import { makeDeps, openDatabase, prepareDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { type RequestContext, systemContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { loadDemo } from '../src/server/demo/load-demo';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { rebuildFigures } from '../src/server/modules/figures';
import { getTradeMonitoring } from '../src/server/modules/trade/get-trade-monitoring';

/**
 * `node --import tsx bench/trade-figures.ts` (DATABASE_URL = an empty PostgreSQL database, or one this script seeded
 * before): the monitoring page's figures (issue 13, decision 0026) at scale. Seeds BENCH_TRADE_ENTERPRISES (20,000)
 * enterprises and BENCH_TRADE_LINES (10,000,000) declaration lines over the three years up to today, rebuilds the
 * figures once, then calls getTradeMonitoring — the route's whole use case, without HTTP — from
 * BENCH_CONNECTIONS (20) concurrent callers for BENCH_DURATION (10) seconds each, as the province, a city, a
 * county and a centre. Prints p50/p99 and calls per second. Target: p50 ≤ 200 ms, p99 ≤ 500 ms.
 *
 * Served enterprises: each bench enterprise is given a centre (trade_served written directly after the rebuild, no
 * service records), so a centre's view has a few hundred served enterprises; the 新开口 attribution then finds no
 * service record and reads one index probe per new trader.
 */
const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL (PostgreSQL) is required');
const enterprisesWanted = Number(process.env.BENCH_TRADE_ENTERPRISES || 20_000);
const linesWanted = Number(process.env.BENCH_TRADE_LINES || 10_000_000);
const connections = Number(process.env.BENCH_CONNECTIONS || 20);
const durationS = Number(process.env.BENCH_DURATION || 10);
const database = await openDatabase({ ...config });
const deps = makeDeps(config, database);
await prepareDatabase(database, deps);
const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await deps.db.execute(q))[0] as T;
const time = async <T>(label: string, fn: () => Promise<T>) => {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
};

if ((await one<{ n: number }>(sql`select count(*)::int as n from users`)).n === 0)
  await time('demo', () => loadDemo(deps, 'Bench#2026pw'));
const have = await one<{ n: number }>(sql`select count(*)::int as n from trade_declaration_lines`);
if (have.n === 0) {
  await time('enterprises', () =>
    deps.db.execute(sql`
      insert into enterprises (credit_code, name, county_code, city_code, contact_person, contact_phone,
        has_trade_record, status, source, is_demo)
      select 'B' || lpad(i::text, 17, '0'), '基准企业' || i, c.code, c.city_code, '联系人', '027-0000000', true,
        'approved', 'centre', true
      from generate_series(1, ${enterprisesWanted}::int) i
      join lateral (select code, city_code from regions where level = 'county' and city_code is not null
        order by hashint4(i * 7919 + code::int), code limit 1) c on true
      on conflict (credit_code) do nothing`),
  );
  await deps.db.execute(sql`delete from trade_declarations`);
  const first = await one<{ lo: number; hi: number }>(
    sql`select min(id)::int as lo, max(id)::int as hi from enterprises where credit_code like 'B%'`,
  );
  const declarations = Math.round(linesWanted / 2.5);
  const chunk = 500_000;
  await time('declarations and lines', async () => {
    for (let start = 0; start < declarations; start += chunk) {
      const end = Math.min(declarations, start + chunk) - 1;
      await deps.db.execute(sql`
        insert into trade_declarations (declaration_no, enterprise_id, city_code, county_code, park_id, direction,
          declared_on, month, trade_mode, country, currency, amount, amount_cny_fen, amount_usd_cent, line_count,
          source, created_at, is_demo)
        select lpad(i::text, 18, '0'), e.id, e.city_code, e.county_code, e.park_id, x.direction, x.d,
          to_char(x.d, 'YYYY-MM'), x.mode, x.country, 'CNY', 0, 0, 0, x.lines, 'demo', now(), true
        from generate_series(${start}::int, ${end}::int) i
        cross join lateral (select
          ${first.lo}::int + abs(hashint4(i)) % ${first.hi - first.lo + 1}::int as eid,
          current_date - (abs(hashint4(i + 1)) % 1095) as d,
          case when hashint4(i + 2) % 3 = 0 then 'import' else 'export' end as direction,
          (array['0110','0110','0110','0214','0615','9610','1210','0715','1523','9710'])[1 + abs(hashint4(i + 3)) % 10]
            as mode,
          (array['US','US','US','JP','JP','KR','DE','DE','GB','FR','IT','NL','BE','ES','VN','VN','TH','MY','SG','ID',
            'PH','IN','PK','BD','AU','NZ','CA','MX','BR','AR','CL','PE','RU','KZ','UZ','TR','SA','AE','IR','IL','EG',
            'NG','ZA','KE','ET','PL','CZ','HU','RO','SE','FI','DK','NO','CH','AT','PT','GR','UA','MM','KH']
          )[1 + abs(hashint4(i + 4)) % 60] as country,
          1 + abs(hashint4(i + 5)) % 4 as lines) x
        join enterprises e on e.id = x.eid`);
      await deps.db.execute(sql`
        insert into trade_declaration_lines (declaration_id, line_no, enterprise_id, commodity_code, hs_chapter,
          goods_name, quantity, unit, amount, amount_cny_fen, amount_usd_cent)
        select d.id, n, d.enterprise_id, ch || '01000000', ch, '货物', 1, '件', v / 100.0, v, v * 100 / 712
        from trade_declarations d
        cross join lateral generate_series(1, d.line_count) n
        cross join lateral (select lpad((1 + abs(hashint4(d.id::int * 5 + n)) % 97)::text, 2, '0') as ch,
          (100000 + abs(hashint4(d.id::int * 3 + n)) % 50000000)::bigint as v) x
        where d.declaration_no between lpad(${start}::text, 18, '0') and lpad(${end}::text, 18, '0')`);
      await deps.db.execute(sql`
        update trade_declarations d set amount_cny_fen = s.cny, amount_usd_cent = s.usd, amount = s.cny / 100.0
        from (select l.declaration_id, sum(l.amount_cny_fen) as cny, sum(l.amount_usd_cent) as usd
          from trade_declaration_lines l join trade_declarations d2 on d2.id = l.declaration_id
          where d2.declaration_no between lpad(${start}::text, 18, '0') and lpad(${end}::text, 18, '0')
          group by l.declaration_id) s
        where d.id = s.declaration_id`);
      console.log(`  ${end + 1} declarations`);
    }
  });
  await time('vacuum analyze', () => deps.db.execute(sql`vacuum analyze`));
  const counts = await time('rebuildFigures', () => rebuildFigures(deps.db));
  console.log(`  ${counts.tradeRows} trade figure rows`);
  await time('served links', () =>
    deps.db.execute(sql`
      insert into trade_served (enterprise_id, centre_id, first_served_at)
      select e.id, c.id, now() - (abs(hashint4(e.id)) % 1000) * interval '1 day'
      from enterprises e
      join lateral (select id from centres where status <> 'draft' order by hashint4(e.id + id) limit 1) c on true
      where e.credit_code like 'B%'
      on conflict do nothing`),
  );
  await deps.db.execute(sql`vacuum analyze`);
}

const sizes = rowsOf<{ t: string; n: number }>(
  await deps.db.execute(sql`select relname as t, n_live_tup::bigint as n from pg_stat_user_tables
    where relname like 'trade_%' order by relname`),
);
console.table(sizes.map((s) => ({ table: s.t, rows: Number(s.n) })));

const year = new Date().getFullYear();
const busiest = await one<{ id: number }>(
  sql`select centre_id as id from trade_served group by centre_id order by count(*) desc limit 1`,
);
const city = await one<{ code: string }>(
  sql`select city_code as code from trade_figures_region group by city_code order by sum(cny_fen) desc limit 1`,
);
const county = await one<{ code: string }>(
  sql`select county_code as code from trade_figures_region group by county_code order by sum(cny_fen) desc limit 1`,
);
const viewers: [string, RequestContext][] = [
  ['province', systemContext(deps, 'province')],
  [`city ${city.code}`, systemContext(deps, 'city', { regionCode: city.code })],
  [`county ${county.code}`, systemContext(deps, 'county', { regionCode: county.code })],
  [
    `centre ${busiest.id}`,
    (() => {
      const c = systemContext(deps, 'operator');
      return { ...c, user: { ...(c.user as SessionUser), centreId: busiest.id } };
    })(),
  ],
];
const rows = [];
for (const [name, ctx] of viewers) {
  await getTradeMonitoring(ctx, { year });
  const alone: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await getTradeMonitoring(ctx, { year });
    alone.push(performance.now() - t0);
  }
  const latencies: number[] = [];
  const until = performance.now() + durationS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await getTradeMonitoring(ctx, { year });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] as number;
  rows.push({
    viewer: name,
    'alone best ms': Math.round(Math.min(...alone)),
    calls: latencies.length,
    'per s': Math.round(latencies.length / durationS),
    'p50 ms': Math.round(q(0.5)),
    'p99 ms': Math.round(q(0.99)),
  });
}
console.table(rows);
console.log(
  `load average ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
await database.close();
