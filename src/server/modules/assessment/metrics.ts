import type { TMetricEvidence, TMetricKey, TMetricValues } from '../../../contracts/assessment';
import type { Db } from '../../db/client';
import { beijingDay } from '../../policy/policy';
import {
  activityFigures,
  emptyServiceYear,
  newlyTradingOfProvince,
  rectificationOnTime,
  servedEnterpriseCounts,
  servedTradeOfYear,
  serviceYearByCentre,
} from '../figures';

export interface CentreYearMetrics {
  centreId: number;
  values: TMetricValues;
  evidence: Partial<Record<TMetricKey, TMetricEvidence>>;
}

/** The statuses a counted record can have: every one but 已取消 (a cancelled record served nothing). */
const COUNTED_STATUSES = ['submitted', 'accepted', 'in_progress', 'completed'] as const;

/** x / y as a percentage with two decimals; null when there is nothing to divide by. */
function percent(x: number, y: number): number | null {
  if (y <= 0) return null;
  return Math.round((x * 10_000) / y) / 100;
}

/** A mean with `digits` decimals; null when nothing was measured. */
function mean(sum: number, count: number, digits: number): number | null {
  if (count <= 0) return null;
  const f = 10 ** digits;
  return Math.round((sum / count) * f) / f;
}

/** Integer division rounded half away from zero, on BigInt (exact whatever the sums). */
function divRound(num: bigint, den: bigint): bigint {
  const neg = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const q = (a * 2n + b) / (b * 2n);
  return neg ? -q : q;
}

/** CNY fen → 万元 with two decimals (1 万元 = 1,000,000 fen), rounded half up on the integer. */
export function fenToWanYuan(fen: number): number {
  return Number(divRound(BigInt(fen), 10_000n)) / 100;
}

/** (this − last) ÷ last × 100, two decimals, from integer fen; null when last year is 0. */
export function growthPct(thisFen: number, lastFen: number): number | null {
  if (lastFen === 0) return null;
  return Number(divRound((BigInt(thisFen) - BigInt(lastFen)) * 10_000n, BigInt(lastFen))) / 100;
}

/** A web path with its query, repeated keys allowed (`status=a&status=b`, as the list pages read them). */
function path(base: string, params: [string, string | number][]): string {
  return `${base}?${params.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')}`;
}

/**
 * The figures of Art. 12(一) for each centre and a calendar year (Beijing time), read from the figures layer (issue
 * 12, 13, 14): the one place an assessment's computed indicators come from (Art. 8: the platform's records are the
 * basis). A fixed number of statements for any number of centres (six, run together), so that a cycle of 150 centres
 * at SPEC §6 size stays within 2 s (bench T14_1).
 *
 * What counts, decided once here:
 * - Only records that exist count; nothing is pro-rated — a centre recognised in the middle of the year has the
 *   months it served and no others.
 * - Service records: submitted in the year (Beijing month of submission, the figures' key); cancelled ones are
 *   excluded from every service and feedback figure.
 * - `services.responseHours`: mean of accepted_at − submitted_at over the enterprise's own requests (source
 *   'enterprise') that were accepted — records staff enter start accepted, so they have no wait to measure (SPEC §2).
 * - `services.completionDays`: mean of completed_at − submitted_at over completed records, in days.
 * - Rates (%, two decimals) are null when their denominator is 0; a null scores 0 points.
 * - `feedback.goodRate`: 好评 ÷ rated, 好评 = GOOD_LEVELS (非常满意, 满意, 基本满意), the one definition the statistics
 *   and the homes use (decision 0019).
 * - `trade.servedCny` (万元, two decimals, from integer fen) and `trade.servedGrowthPct`: the enterprises the centre
 *   had served by the end of the year — decision 0026's served set (trade_served: from the first service record at
 *   the centre, never taken back), cut at the year's end — and their imports + exports in the year and in the year
 *   before. The same enterprises both years: an enterprise first served during the year brings its trade of the
 *   year before (before the service) as the base, so the growth shows what the service went with. Null when the
 *   year before is 0.
 * - Activities: held at least partly in the year up to `today` (planned ones do not count yet), as the activity
 *   list's window selects them.
 *
 * `today` (Beijing day) bounds what is not yet known: activities still planned, rectifications not yet due.
 */
export async function computeYearMetrics(
  db: Db,
  year: number,
  centreIds: readonly number[],
  opts: { today?: string } = {},
): Promise<Map<number, CentreYearMetrics>> {
  const today = opts.today ?? beijingDay(new Date());
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const heldTo = today < last ? today : last;
  const ids = [...new Set(centreIds)];
  const [services, enterprises, rectifications, newly, trade, activities] = await Promise.all([
    serviceYearByCentre(db, year, ids),
    servedEnterpriseCounts(db, year, ids),
    rectificationOnTime(db, year, ids, today),
    newlyTradingOfProvince(db, year),
    servedTradeOfYear(db, year, ids),
    heldTo >= first ? activityFigures(db, ids, { from: first, to: heldTo }) : Promise.resolve(new Map()),
  ]);
  const newlyByCentre = new Map<number, number>();
  for (const e of newly)
    if (e.centreId !== null) newlyByCentre.set(e.centreId, (newlyByCentre.get(e.centreId) ?? 0) + 1);

  const out = new Map<number, CentreYearMetrics>();
  for (const centreId of ids) {
    const s = services.get(centreId) ?? emptyServiceYear();
    const rect = rectifications.get(centreId) ?? { due: 0, onTime: 0 };
    const tr = trade.get(centreId) ?? { enterprises: 0, thisYearFen: 0, lastYearFen: 0 };
    const act = activities.get(centreId) ?? { events: 0, participants: 0, fairEnterprises: 0 };
    const rated = s.ratedCompleted;
    const window: [string, string][] = [
      ['centreId', String(centreId)],
      ['from', first],
      ['to', last],
    ];
    const counted = COUNTED_STATUSES.map((st): [string, string] => ['status', st]);
    const records = path('/services', [...window, ...counted]);
    const completed = path('/services', [...window, ['status', 'completed']]);
    const activityWindow: [string, string][] = [
      ['centreId', String(centreId)],
      ['from', first],
      ['to', heldTo],
    ];
    const values: TMetricValues = {
      'services.records': s.records,
      'services.consultations': s.byCategory.get('consultation') ?? 0,
      'services.categories': s.byCategory.size,
      'services.enterprises': enterprises.get(centreId) ?? 0,
      'services.responseHours': mean(s.responseMs / 3_600_000, s.responded, 1),
      'services.completionDays': mean(s.completionMs / 86_400_000, s.completedTimed, 2),
      'feedback.ratingRate': percent(rated, s.completed),
      'feedback.goodRate': percent(s.good, rated),
      'feedback.rectificationOnTimeRate': percent(rect.onTime, rect.due),
      'trade.newlyTrading': newlyByCentre.get(centreId) ?? 0,
      'trade.servedCny': fenToWanYuan(tr.thisYearFen),
      'trade.servedGrowthPct': growthPct(tr.thisYearFen, tr.lastYearFen),
      'activities.events': act.events,
      'activities.participants': act.participants,
      'activities.fairEnterprises': act.fairEnterprises,
    };
    const evidence: Record<TMetricKey, TMetricEvidence> = {
      'services.records': {
        numerator: s.records,
        link: records,
        basis: `${year}年提交的服务记录，不含已取消的记录。`,
      },
      'services.consultations': {
        numerator: values['services.consultations'],
        link: path('/services', [...window, ['category', 'consultation'], ...counted]),
        basis: `${year}年提交的咨询服务类服务记录，不含已取消的记录。`,
      },
      'services.categories': {
        numerator: s.byCategory.size,
        denominator: 22,
        link: records,
        basis: `${year}年有服务记录（不含已取消）的服务类别数，共二十二类（第五条）。`,
      },
      'services.enterprises': {
        numerator: values['services.enterprises'],
        link: records,
        basis: `${year}年有服务记录（不含已取消）的企业数，同一企业只计一次。`,
      },
      'services.responseHours': {
        numerator: Math.round(s.responseMs / 3_600_000),
        denominator: s.responded,
        link: records,
        basis: '企业在线提出并已受理的服务记录，从提出到受理的平均小时数；中心代为登记的记录不计。',
      },
      'services.completionDays': {
        numerator: Math.round(s.completionMs / 86_400_000),
        denominator: s.completedTimed,
        link: completed,
        basis: `${year}年提交并已办结的服务记录，从提交到办结的平均天数。`,
      },
      'feedback.ratingRate': {
        numerator: rated,
        denominator: s.completed,
        link: completed,
        basis: `${year}年提交并已办结的服务记录中已获企业评价的比例。`,
      },
      'feedback.goodRate': {
        numerator: s.good,
        denominator: rated,
        link: completed,
        basis: '已评价记录中评为非常满意、满意或基本满意的比例（好评率）。',
      },
      'feedback.rectificationOnTimeRate': {
        numerator: rect.onTime,
        denominator: rect.due,
        link: path('/rectifications', [['centreId', centreId]]),
        basis: `整改期限在${year}年内且已到期或已办结的差评整改中，中心按期答复并经县级确认办结的比例。`,
      },
      'trade.newlyTrading': {
        numerator: values['trade.newlyTrading'],
        link: path('/trade', [
          ['year', year],
          ['centreId', centreId],
        ]),
        basis: `${year}年有进出口、此前三年无进出口的企业中，首次报关前最近一次服务由本中心提供的企业数。`,
      },
      'trade.servedCny': {
        numerator: tr.enterprises,
        link: path('/trade/declarations', [
          ['centreId', centreId],
          ['year', year],
        ]),
        basis: `截至${year}年底本中心服务过的${tr.enterprises}家企业${year}年的进出口总额（万元）。`,
      },
      'trade.servedGrowthPct': {
        numerator: fenToWanYuan(tr.thisYearFen - tr.lastYearFen),
        denominator: fenToWanYuan(tr.lastYearFen),
        link: path('/trade', [
          ['year', year],
          ['centreId', centreId],
        ]),
        basis: `同一批企业（截至${year}年底本中心服务过的企业）${year}年较${year - 1}年进出口总额的增长率；上年为零时不计算。`,
      },
      'activities.events': {
        numerator: act.events,
        link: path('/activities', activityWindow),
        basis: `${year}年举办的培训、政策宣贯、市场拓展和展会活动场次（尚未举办的不计）。`,
      },
      'activities.participants': {
        numerator: act.participants,
        link: path('/activities', activityWindow),
        basis: `${year}年所办活动登记的参加人次之和。`,
      },
      'activities.fairEnterprises': {
        numerator: act.fairEnterprises,
        link: path('/activities', [...activityWindow, ['kind', 'exhibition']]),
        basis: `${year}年组织参加展会的企业数，同一企业只计一次。`,
      },
    };
    out.set(centreId, { centreId, values, evidence });
  }
  return out;
}
