import { sql } from 'drizzle-orm';
import type { TTradeDeclarationInput } from '../../contracts/trade';
import type { Deps } from '../context';
import { rowsOf } from '../db/client';
import type { SessionUser } from '../lib/access/session-user';
import { rebuildFigures } from '../modules/figures';
import { ingestDeclarations } from '../modules/trade/ingest-declarations';
import { beijingDay } from '../policy/policy';
import { depsAt } from './factories';
import { type Random, seededRandom } from './people';
import { SEASON } from './service-demo';
import {
  buildDeclaration,
  customsOffice,
  INDUSTRIES,
  industryOf,
  makeRates,
  monthlyRates,
  monthsBetween,
  workingDays,
} from './trade-factory';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The demo's trade history begins here (issue 13: several years for the demo enterprises). */
export const DEMO_TRADE_FROM = '2023-01';

interface DemoTrader {
  id: number;
  name: string;
  creditCode: string;
  cityCode: string;
  hasTradeRecord: boolean;
  firstTradeOn: string | null;
  createdAt: Date;
  firstServed: Date | null;
}

export interface DemoTradeResult {
  rates: number;
  declarations: number;
  lines: number;
  intakes: number;
  /** Enterprises whose first declaration came after a centre served them (新开口, Art. 12(一)). */
  newTraders: number;
}

/**
 * The demo's trade (issue 13, Art. 5(十三)): the province's monthly exchange rates from 2023-01, then customs
 * declarations of the demo enterprises from 2023 to yesterday — each enterprise's business decides its goods (HS
 * chapters), trade modes and partners; sizes are heavy-tailed; some grow, some decline, a few stop; enterprises
 * without trade that a centre served start trading weeks after the service (新开口企业). Everything goes through the
 * one intake path (ingestDeclarations, source and channel 'demo', taken in by the province's account): the history
 * at once when every demo enterprise is on the platform, each later month on the 10th of the next. The enterprises'
 * 有进出口实绩 and first-trade dates follow from their declarations (markTrading).
 */
export async function loadDemoTrade(
  deps: Deps,
  opts: { province: SessionUser; openedAt: Date },
): Promise<DemoTradeResult> {
  const now = deps.clock();
  const lastDay = beijingDay(new Date(now.getTime() - DAY));
  const thisMonth = beijingDay(now).slice(0, 7);
  const rates = monthlyRates(DEMO_TRADE_FROM, thisMonth);
  // Months before the platform opened were entered at its opening; since then the province sets each on the 1st.
  const rateCount = await makeRates(
    deps.db,
    rates.map((x) => {
      const first = new Date(`${x.month}-01T09:00:00+08:00`);
      const later = first.getTime() > opts.openedAt.getTime();
      return {
        ...x,
        setAt: later ? new Date(Math.min(first.getTime(), now.getTime() - 60_000)) : opts.openedAt,
        setBy: later ? opts.province.id : null,
      };
    }),
  );
  const rateOf = new Map<string, Map<string, number>>();
  for (const x of rates) {
    const m = rateOf.get(x.month) ?? new Map<string, number>();
    m.set(x.currency, Number(x.cnyPerUnit));
    rateOf.set(x.month, m);
  }

  const traders = rowsOf<{
    id: number;
    name: string;
    credit_code: string;
    city_code: string;
    has_trade_record: boolean;
    first_trade_on: string | null;
    created_at: string | Date;
    first_served: string | Date | null;
  }>(
    await deps.db.execute(sql`
      select e.id, e.name, e.credit_code, e.city_code, e.has_trade_record, e.first_trade_on::text as first_trade_on,
        e.created_at, (select min(s.completed_at) from service_records s where s.enterprise_id = e.id) as first_served
      from enterprises e where e.is_demo and e.status = 'approved' order by e.id`),
  ).map(
    (x): DemoTrader => ({
      id: Number(x.id),
      name: x.name,
      creditCode: x.credit_code,
      cityCode: x.city_code,
      hasTradeRecord: x.has_trade_record,
      firstTradeOn: x.first_trade_on,
      createdAt: new Date(x.created_at),
      firstServed: x.first_served ? new Date(x.first_served) : null,
    }),
  );

  const byMonth = new Map<string, TTradeDeclarationInput[]>();
  let seq = 0;
  let newTraders = 0;
  let latestEntered = opts.openedAt.getTime();
  for (const e of traders) {
    const r = seededRandom(13_000_000 + e.id);
    const plan = tradePlan(r, e, lastDay);
    if (!plan) continue;
    if (!e.hasTradeRecord) newTraders++;
    latestEntered = Math.max(latestEntered, e.createdAt.getTime());
    const industry = industryOf(e.name, e.id);
    const office = customsOffice(e.cityCode);
    const months = monthsBetween(plan.start.slice(0, 7), lastDay.slice(0, 7));
    for (const [k, month] of months.entries()) {
      if (plan.stopAfter && month > plan.stopAfter) break;
      const season = SEASON[Number(month.slice(5, 7)) - 1] ?? 1;
      const years = (monthsBetween(DEMO_TRADE_FROM, month).length - 25) / 12;
      const ramp = plan.ramp ? Math.min(1, (k + 1) / 6) : 1;
      const expected = plan.monthly * season * (1 + plan.growth) ** years * ramp;
      let n = Math.floor(expected) + (r.chance(expected - Math.floor(expected)) ? 1 : 0);
      if (k === 0) n = Math.max(1, n);
      const days = workingDays(month, plan.start, lastDay);
      const list = byMonth.get(month) ?? [];
      for (let i = 0; i < n; i++) {
        // The first trade is on the day the enterprise's first-trade date says.
        const declaredOn = k === 0 && i === 0 ? plan.start : r.pick(days);
        if (!declaredOn) continue;
        const direction = r.chance(INDUSTRIES[industry].exportShare) ? 'export' : 'import';
        list.push(
          buildDeclaration(r, {
            creditCode: e.creditCode,
            industry,
            direction,
            declaredOn,
            rates: rateOf.get(month) ?? new Map(),
            usd: plan.usd * (0.4 + r.next() * 1.2),
            office,
            seq: ++seq,
          }),
        );
      }
      byMonth.set(month, list);
    }
  }

  // When each month was taken in: the 10th of the next month, but not before every demo enterprise is on the
  // platform (the history before that came in at once), and not after now.
  const firstIntake = latestEntered + HOUR;
  const groups = new Map<number, TTradeDeclarationInput[]>();
  for (const [month, list] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
    if (list.length === 0) continue;
    const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
    const tenth = new Date(`${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-10T10:00:00+08:00`);
    let at = Math.max(tenth.getTime(), firstIntake);
    if (at > now.getTime() - 2 * HOUR) at = now.getTime() - 2 * HOUR;
    // The history taken in at once still comes as one intake per year, a few minutes apart.
    if (at === firstIntake) at += (y - Number(DEMO_TRADE_FROM.slice(0, 4))) * 10 * 60_000;
    groups.set(at, [...(groups.get(at) ?? []), ...list]);
  }
  let declarations = 0;
  let lines = 0;
  for (const [at, list] of [...groups].sort(([a], [b]) => a - b)) {
    const result = await ingestDeclarations(
      { deps: depsAt(deps, new Date(at)), user: opts.province, ip: null, requestId: 'demo', locale: 'zh-CN' },
      { source: 'demo', channel: 'demo', declarations: list, enterpriseScope: sql`true`, isDemo: true },
    );
    if (result.status !== 'succeeded')
      throw new Error(`demo trade intake refused: ${JSON.stringify(result.issues.slice(0, 3))}`);
    declarations += result.declarations;
    lines += result.lines;
  }
  // Taken in through the intake path; the figures are recounted once from the rows, as after the service history.
  await rebuildFigures(deps.db);
  return { rates: rateCount, declarations, lines, intakes: groups.size, newTraders };
}

interface TradePlan {
  /** The first declaration's day. */
  start: string;
  /** Declarations a month at the start of 2025, before the season. */
  monthly: number;
  /** Yearly change: above 0 growing, below declining. */
  growth: number;
  /** Roughly the USD value of one declaration. */
  usd: number;
  /** A new trader takes half a year to reach its pace. */
  ramp: boolean;
  /** Stopped trading after this month. */
  stopAfter: string | null;
}

function gaussian(r: Random): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

/**
 * How an enterprise trades. One with a trade record trades from its first-trade date (or from 2023 when that is
 * earlier); one without starts, for most that a centre served, two to six weeks after its first completed service —
 * the centre's help that Art. 12(一) counts as 新开口 — and the rest stay without trade.
 */
function tradePlan(r: Random, e: DemoTrader, lastDay: string): TradePlan | null {
  let start: string;
  if (e.hasTradeRecord) start = e.firstTradeOn && e.firstTradeOn > `${DEMO_TRADE_FROM}-01` ? e.firstTradeOn : '';
  else {
    if (!e.firstServed || !r.chance(0.6)) return null;
    start = beijingDay(new Date(e.firstServed.getTime() + r.int(14, 45) * DAY));
    if (start > lastDay) return null;
  }
  const kind = r.next();
  const growth =
    kind < 0.25 ? 0.25 + r.next() * 0.35 : kind < 0.45 ? -(0.15 + r.next() * 0.25) : -0.08 + r.next() * 0.2;
  const plan: TradePlan = {
    start: start || `${DEMO_TRADE_FROM}-01`,
    monthly: Math.min(6, Math.max(0.2, Math.exp(gaussian(r) * 0.8 - 0.85))),
    growth: e.hasTradeRecord ? growth : 0.3,
    usd: Math.min(600_000, Math.max(3_000, Math.exp(Math.log(40_000) + gaussian(r) * 0.9))),
    ramp: !e.hasTradeRecord,
    stopAfter:
      e.hasTradeRecord && growth < -0.3 && r.chance(0.3) ? `2025-${String(r.int(3, 11)).padStart(2, '0')}` : null,
  };
  if (!start) {
    // Trading before the demo's history begins: its first declaration in it is an ordinary one in January 2023.
    plan.start = `${DEMO_TRADE_FROM}-0${r.int(3, 6)}`;
  }
  return plan;
}
