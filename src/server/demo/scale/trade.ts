import { sql } from 'drizzle-orm';
import { auditContext, type Deps, systemContext } from '../../context';
import { rowsOf } from '../../db/client';
import { writeAudit } from '../../lib/audit';
import { rateUnits } from '../../modules/trade/declaration-rules';
import { beijingDay } from '../../policy/policy';
import { type Random, seededRandom } from '../people';
import { SEASON } from '../service-demo';
import {
  customsOffice,
  type DrawnDeclaration,
  drawDeclaration,
  INDUSTRIES,
  industryOf,
  makeRates,
  monthlyRates,
  monthsBetween,
  type TradeIndustry,
  workingDays,
} from '../trade-factory';
import type { ScaleSize } from './sizes';
import { writeChunk } from './trade-chunk';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type TradeProgress = (phase: 'trade lines', done: number, total: number) => void;

export interface ScaleTradeResult {
  months: number;
  rates: number;
  declarations: number;
  lines: number;
  /** Enterprises with declarations in the window; of them, those whose first trade falls in it. */
  traders: number;
  newTraders: number;
}

export interface Trader {
  id: number;
  cityCode: string;
  countyCode: string;
  parkId: number | null;
  industry: TradeIndustry;
  /** Declarations a month (before season, trend and the scale factor). */
  weight: number;
  growth: number;
  usd: number;
  /** Month index of the first declaration (0 for one trading before the window). */
  from: number;
  /** A new trader's first day. */
  firstDay: string | null;
  /** Trading before the window: its first-trade date. */
  tradedSince: string | null;
  /** Stopped after this month index. */
  until: number;
}

function gaussian(r: Random): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

/**
 * Customs declarations at province scale (issue 13): `size.lines` lines over the `size.years` calendar years up to
 * yesterday, for the enterprises on the platform. Sizes are heavy-tailed (Pareto: a few enterprises carry much of the
 * trade), months follow the season, each enterprise grows or declines by its own yearly rate, a few stop, and about
 * 9 % of the enterprises a year begin to trade (their first-trade date is their first declaration). The rates come
 * first; each month is one intake (source and channel 'demo', taken in on the 10th of the next month, or now);
 * rows go in by COPY on PostgreSQL, two chunks in flight (by one-parameter inserts on PGlite), one transaction and
 * one audit entry per chunk; the enterprises' 有进出口实绩 and first-trade dates are set from the result at the end. Amounts are
 * converted exactly as the intake path does (declaration-rules' convert), so the figures match a real intake's.
 */
export async function writeScaleTrade(
  deps: Deps,
  size: Pick<ScaleSize, 'years' | 'lines' | 'batch'>,
  progress: TradeProgress = () => {},
): Promise<ScaleTradeResult> {
  const now = deps.clock();
  const lastDay = beijingDay(new Date(now.getTime() - DAY));
  const thisMonth = beijingDay(now).slice(0, 7);
  const firstYear = Number(thisMonth.slice(0, 4)) - size.years + 1;
  const months = monthsBetween(`${firstYear}-01`, lastDay.slice(0, 7));
  const rateRows = monthlyRates(months[0] as string, thisMonth);
  const rates = await makeRates(
    deps.db,
    rateRows.map((x) => ({
      ...x,
      setAt: new Date(Math.min(Date.parse(`${x.month}-01T09:00:00+08:00`), now.getTime())),
    })),
  );
  // The rates as the intake path reads them back (numeric(18,6)): exact millionths.
  const units = new Map<string, bigint>();
  const approx = new Map<string, Map<string, number>>();
  for (const x of rateRows) {
    units.set(`${x.month} ${x.currency}`, rateUnits(x.cnyPerUnit));
    const m = approx.get(x.month) ?? new Map<string, number>();
    m.set(x.currency, Number(x.cnyPerUnit));
    approx.set(x.month, m);
  }

  const enterprises = rowsOf<{
    id: number;
    name: string;
    city_code: string;
    county_code: string;
    park_id: number | null;
    created_at: string | Date;
  }>(
    await deps.db.execute(
      sql`select id, name, city_code, county_code, park_id, created_at from enterprises where status = 'approved' order by id`,
    ),
  );
  const windowStart = `${months[0]}-01`;
  const traders: Trader[] = [];
  let latestEntered = 0;
  for (const e of enterprises) {
    const id = Number(e.id);
    latestEntered = Math.max(latestEntered, new Date(e.created_at).getTime());
    const r = seededRandom(31_000_000 + id);
    const x = r.next();
    const newShare = 0.09 * size.years;
    const established = x < 0.62;
    if (!established && x >= 0.62 + newShare) continue; // never trades in the window
    const from = established ? 0 : r.int(0, months.length - 1);
    const firstMonth = months[from] as string;
    const firstDay = established ? null : (r.pick(workingDays(firstMonth, windowStart, lastDay)) ?? null);
    if (!established && !firstDay) continue;
    const growth = Math.max(-0.5, Math.min(0.8, 0.05 + gaussian(r) * 0.2));
    traders.push({
      id,
      cityCode: e.city_code,
      countyCode: e.county_code,
      parkId: e.park_id === null ? null : Number(e.park_id),
      industry: industryOf(e.name, id),
      // Pareto with α 1.2, capped: most enterprises declare a few times a year, a few hundreds of times a month.
      weight: Math.min(400, (1 - r.next()) ** (-1 / 1.2)),
      growth,
      usd: Math.min(2_000_000, Math.max(2_000, Math.exp(Math.log(30_000) + gaussian(r) * 0.9))),
      from,
      firstDay,
      tradedSince: established
        ? beijingDay(
            new Date(Date.parse('2005-01-01') + r.next() * (Date.parse(windowStart) - Date.parse('2005-01-01'))),
          )
        : null,
      until: established && growth < -0.2 && r.chance(0.25) ? r.int(0, months.length - 1) : months.length,
    });
  }
  // The scale factor that makes the expected lines come to size.lines, with the lines a declaration has on average.
  const sample = seededRandom(77);
  let sampleLines = 0;
  for (let i = 0; i < 4000; i++) {
    const industry = (Object.keys(INDUSTRIES) as TradeIndustry[])[i % 8] as TradeIndustry;
    sampleLines += drawDeclaration(sample, {
      industry,
      direction: sample.chance(INDUSTRIES[industry].exportShare) ? 'export' : 'import',
      declaredOn: lastDay,
      rates: approx.get(thisMonth) ?? new Map(),
      usd: 10_000,
      office: '4700',
      seq: 1,
    }).lines.length;
  }
  const linesPerDeclaration = sampleLines / 4000;
  const monthFactor = months.map((m) => {
    const days = workingDays(m, windowStart, lastDay).length;
    return ((SEASON[Number(m.slice(5, 7)) - 1] ?? 1) * days) / 21.7;
  });
  const expected = (t: Trader, k: number) =>
    k < t.from || k > t.until
      ? 0
      : t.weight *
        (monthFactor[k] ?? 0) *
        (1 + t.growth) ** ((k - months.length / 2) / 12) *
        (t.firstDay ? Math.min(1, (k - t.from + 1) / 6) : 1);
  let total = 0;
  for (const t of traders) for (let k = 0; k < months.length; k++) total += expected(t, k);
  const scale = size.lines / Math.max(1, total * linesPerDeclaration);

  const firstIntake = latestEntered + HOUR;
  const intakeAt = (k: number) => {
    const m = months[k] as string;
    const [y, mo] = [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
    const tenth = Date.parse(`${y + Math.floor(mo / 12)}-${String((mo % 12) + 1).padStart(2, '0')}-10T10:00:00+08:00`);
    return new Date(Math.min(Math.max(tenth, firstIntake + k * 60_000), now.getTime() - HOUR));
  };
  const chunkSize = deps.dbKind === 'postgres' ? 25_000 : Math.max(200, Math.floor(size.batch / 2));
  let declarations = 0;
  let lines = 0;
  // Sequences go on from the declarations already there (the demo's, when the bench adds these to it).
  const [maxSeq] = rowsOf<{ n: string | null }>(
    await deps.db.execute(sql`select max(substr(declaration_no, 10)::bigint)::text as n from trade_declarations`),
  );
  let seq = Number(maxSeq?.n ?? 0);
  // PostgreSQL: two chunks in flight on two connections (the next is drawn while the last is copied, and the
  // database's work spreads over two cores); PGlite has one connection.
  const writers = deps.dbKind === 'postgres' ? 2 : 1;
  const inflight: Promise<void>[] = [];
  progress('trade lines', 0, size.lines);
  for (const [k, month] of months.entries()) {
    const r = seededRandom(41_000_000 + k);
    const days = workingDays(month, windowStart, lastDay);
    if (days.length === 0) continue;
    const [intake] = await deps.db
      .execute(sql`
      insert into trade_intakes (source, channel, status, declarations, lines, duplicates, created_at, finished_at)
      values ('demo', 'demo', 'succeeded', 0, 0, 0, ${intakeAt(k)}, ${intakeAt(k)}) returning id`)
      .then((x) => rowsOf<{ id: number }>(x));
    const intakeId = Number(intake?.id);
    let chunk: { t: Trader; d: DrawnDeclaration }[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const n = chunk.length;
      const writing = writeChunk(deps, chunk, { month, intakeId, createdAt: intakeAt(k), units }).then((written) => {
        declarations += n;
        lines += written;
        progress('trade lines', Math.min(lines, size.lines), size.lines);
      });
      writing.catch(() => {}); // awaited below; this only keeps a failure from being reported as unhandled first
      inflight.push(writing);
      chunk = [];
      if (inflight.length >= writers) await inflight.shift();
    };
    for (const t of traders) {
      const x = expected(t, k) * scale;
      let n = Math.floor(x) + (r.chance(x - Math.floor(x)) ? 1 : 0);
      if (k === t.from && t.firstDay) n = Math.max(1, n);
      for (let i = 0; i < n; i++) {
        const declaredOn = k === t.from && t.firstDay && i === 0 ? t.firstDay : (r.pick(days) as string);
        const direction = r.chance(INDUSTRIES[t.industry].exportShare) ? 'export' : 'import';
        chunk.push({
          t,
          d: drawDeclaration(r, {
            industry: t.industry,
            direction,
            declaredOn,
            rates: approx.get(month) ?? new Map(),
            usd: t.usd * (0.4 + r.next() * 1.2),
            office: customsOffice(t.cityCode),
            seq: ++seq,
          }),
        });
        if (chunk.length >= chunkSize) await flush();
      }
    }
    await flush();
  }
  await Promise.all(inflight);
  progress('trade lines', size.lines, size.lines);

  // 有进出口实绩 and the first-trade date follow the declarations; trading before the window keeps its earlier date
  // (least() skips nulls: the earliest of the date on file, the one drawn here and the first declaration).
  const since = traders.filter((t) => t.tradedSince).map((t) => ({ id: t.id, since: t.tradedSince }));
  const newTraders = await deps.db.transaction(async (tx) => {
    const changed = rowsOf<{ n: number; fresh: number }>(
      await tx.execute(sql`
        with d as (select enterprise_id, min(declared_on) as first_on from trade_declarations group by enterprise_id),
        s as (select * from json_to_recordset(${JSON.stringify(since)}::json) as x(id int, since date)),
        x as (select e.id, least(e.first_trade_on, s.since, d.first_on) as first_on from enterprises e
          left join d on d.enterprise_id = e.id left join s on s.id = e.id where e.status = 'approved'),
        u as (update enterprises e set has_trade_record = x.first_on is not null, first_trade_on = x.first_on,
            updated_at = ${now}, version = e.version + 1
          from x where x.id = e.id
            and (e.has_trade_record is distinct from (x.first_on is not null) or e.first_trade_on is distinct from x.first_on)
          returning e.id, e.first_trade_on)
        select count(*)::int as n, count(*) filter (where first_trade_on >= ${windowStart}::date)::int as fresh from u`),
    )[0];
    await writeAudit(tx, auditContext(systemContext(deps)), {
      action: 'demo.scale.generated',
      objectType: 'demo',
      objectId: null,
      after: { kind: 'enterprises.trade', changed: changed?.n ?? 0, newTraders: changed?.fresh ?? 0 },
    });
    return changed?.fresh ?? 0;
  });
  return { months: months.length, rates, declarations, lines, traders: traders.length, newTraders };
}
