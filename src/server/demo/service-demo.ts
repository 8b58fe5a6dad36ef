import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { SERVICE_SUB_ITEMS } from '../../contracts/service-catalogue';
import type { TServiceCategory } from '../../contracts/service-category';
import { BAD_RATING_LEVELS, type TRatingLevel } from '../../contracts/service-record';
import type { Deps, RequestContext } from '../context';
import { centreStaff, centres, engagements, parks, regions } from '../db/schema';
import type { SessionUser } from '../lib/access/session-user';
import { recordActivity } from '../modules/activity/record-activity';
import { rateService } from '../modules/service/rate-service';
import { answerRectification, followUpRectification } from '../modules/service/rectification';
import { beijingDay } from '../policy/policy';
import { enterpriseCreditCode, makeEnterprise } from './enterprise-factory';
import { depsAt, sessionUserOf } from './factories';
import { companyName, contactName, mobileNumber, type Random, seededRandom, shortPlace } from './people';
import { type PastService, writeServiceHistory } from './service-history';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Services per month once a centre has settled in: 武汉 busy, the 省直辖 cities and 神农架 quiet. */
export const MONTHLY: Record<string, number> = {
  '420100': 30,
  '420500': 12,
  '420600': 10,
  '421000': 7,
  '420200': 6,
  '420700': 5,
  '420900': 5,
  '420800': 4,
  '421100': 5,
  '421200': 4,
  '421300': 4,
  '422800': 3,
  '420300': 4,
  '429004': 3,
  '429005': 3,
  '429006': 2,
  '429021': 1,
};
/** Foreign trade's year: quiet round the Spring Festival, busy before the Canton Fair and at the year's end. */
export const SEASON = [0.9, 0.5, 1.0, 1.1, 1.0, 1.0, 0.9, 0.9, 1.1, 1.2, 1.2, 1.3];

/** Category weights (what centres are asked for most), the hours a typical one takes, and a request's words. */
export const CATEGORIES: [TServiceCategory, number, [number, number], string[]][] = [
  [
    'customs_declaration',
    18,
    [6, 72],
    ['一批出口货物下周报关，请协助核对报关单要素和商品归类。', '进口原料到港，请协助办理报关及查验预约。'],
  ],
  [
    'tax_refund',
    14,
    [48, 360],
    ['请协助办理上季度出口退税申报，单证已备齐。', '首次申报出口退税，请指导备案和申报流程。'],
  ],
  [
    'consultation',
    16,
    [1, 24],
    ['咨询RCEP原产地规则及关税减让。', '咨询新开拓中东市场的贸易合规要求。', '咨询跨境电商9710、9810出口模式。'],
  ],
  ['fx_settlement', 9, [4, 48], ['美元货款到账，咨询结汇流程和汇率避险工具。', '请协助办理货物贸易外汇收支名录登记。']],
  [
    'filing_agency',
    8,
    [24, 168],
    ['新设企业，请协助办理海关进出口收发货人备案及电子口岸卡申领。', '请协助办理对外贸易经营者备案变更。'],
  ],
  ['logistics', 8, [24, 240], ['需要安排一批整柜海运至汉堡，请推荐物流方案。', '中欧班列（武汉）出口订舱咨询。']],
  ['insurance', 6, [48, 240], ['新开拓南美客户，咨询出口信用保险投保。', '买家逾期付款，请协助办理信保报损。']],
  ['financing', 5, [72, 480], ['订单增长，咨询出口信保保单融资。', '申请外贸企业应收账款融资，请协助对接银行。']],
  ['training', 3, [2, 24], ['希望参加外贸新手业务培训。', '报名参加跨境电商运营实务培训。']],
  ['translation', 4, [8, 120], ['一份合同需要英译中并审核条款。', '产品说明书需要译成西班牙语。']],
];
export const RESULTS: Partial<Record<TServiceCategory, string>> = {
  customs_declaration: '报关单已申报放行，单证已交企业。',
  tax_refund: '退税申报已受理，退税款已到账。',
  consultation: '已当面解答，并提供相关政策文件。',
  fx_settlement: '已协助完成结汇，告知避险工具办理渠道。',
  filing_agency: '备案已办结，电子口岸卡已领取。',
  logistics: '已落实舱位并出具物流方案，货物已出运。',
  insurance: '已协助投保，保单已生效。',
  financing: '已对接合作银行，融资已放款。',
  training: '企业已参加培训并取得结业证明。',
  translation: '译稿已交付企业并经企业确认。',
};

export const GOOD_COMMENTS = [
  '服务专业，响应及时。',
  '办理高效，省了不少事。',
  '工作人员耐心细致，讲解清楚。',
  '一次办好，非常满意。',
  '',
  '',
];
export const BASIC_COMMENTS = ['总体可以，个别环节等待时间较长。', '能办成，但材料来回补了两次。', ''];
export const BAD_COMMENTS = [
  '办理周期偏长，进度反馈不及时。',
  '多次联系未得到答复，影响了出运。',
  '告知的材料清单不完整，来回跑了几趟。',
];
export const ANSWERS = [
  '已约谈经办人员，建立进度周报制度，并向企业致歉说明。',
  '已补充一次性告知清单，指定专人跟进，企业业务已办结。',
  '已调整窗口人员排班，承诺时限内回复企业咨询，并回访企业。',
];

interface CentreRow {
  id: number;
  name: string;
  services: string[];
  countyCode: string;
  cityCode: string;
  parkId: number;
  parkName: string;
  countyName: string;
  filedOn: string;
}

export interface DemoServiceActors {
  /** operator.<centre id> of each operating centre. */
  operatorOf(centreId: number): SessionUser;
  countyOf(countyCode: string): SessionUser;
  /** Open an enterprise's account at the given time (its creation is audited then). */
  password: string;
}

/**
 * Service demo data (issue 6, issue 11) for every operating centre: enterprises of its park, most with accounts
 * (enterprise.<credit code>); records from its filing to today at a pace that differs by city and month — requested
 * online by enterprises or entered at the window, accepted and completed in times that vary by centre and kind —
 * mostly rated well, with a few 差评 per centre whose rectifications are answered and closed by the county (the
 * newest still open, one past its deadline); a few still waiting, in progress or unrated; and a training held.
 * A fixed seed makes every load the same.
 */
export async function loadDemoServices(
  deps: Deps,
  actors: DemoServiceActors,
): Promise<{ username: string; scope: string }[]> {
  const rows: CentreRow[] = await deps.db
    .select({
      id: centres.id,
      name: centres.name,
      services: centres.services,
      countyCode: centres.countyCode,
      cityCode: centres.cityCode,
      parkId: centres.parkId,
      parkName: parks.name,
      countyName: regions.name,
      filedOn: engagements.filedOn,
    })
    .from(centres)
    .innerJoin(parks, eq(parks.id, centres.parkId))
    .innerJoin(regions, eq(regions.code, centres.countyCode))
    .innerJoin(
      engagements,
      and(eq(engagements.centreId, centres.id), eq(engagements.status, 'filed'), isNotNull(engagements.filedOn)),
    )
    .where(eq(centres.status, 'operating'))
    .orderBy(asc(centres.id))
    .then((r) => r.map((x) => ({ ...x, filedOn: x.filedOn ?? '' })));
  const now = deps.clock().getTime();
  const accounts: { username: string; scope: string }[] = [];
  const history: PastService[] = [];
  const bad: { centre: CentreRow; index: number }[] = [];
  let serial = 1;
  for (const [ci, c] of rows.entries()) {
    const r = seededRandom(20_261_100 + c.id);
    const operator = actors.operatorOf(c.id);
    const opened = new Date(`${c.filedOn}T09:00:00+08:00`).getTime() + DAY;
    // A second centre in a city serves fewer than the city's first.
    const monthly = (MONTHLY[c.cityCode] ?? 3) * (rows.findIndex((x) => x.cityCode === c.cityCode) === ci ? 1 : 0.5);
    // How well the centre works: quick and liked, or slow with more complaints.
    const quality = r.pick([0.7, 0.85, 1, 1, 1.2, 1.5]);
    const enterpriseCount = Math.max(5, Math.min(40, Math.round(monthly * 1.4)));
    const enterprises: { id: number; name: string; user: SessionUser | null }[] = [];
    const place = shortPlace(c.countyName);
    for (let k = 0; k < enterpriseCount; k++) {
      const withAccount = k < Math.ceil(enterpriseCount * 0.7);
      // Entered by the centre when it first served them, in its first weeks.
      const enteredAt = new Date(Math.min(now - DAY, opened + r.int(0, 20) * DAY + r.int(1, 7) * HOUR));
      const name = companyName(r, place);
      const e = await makeEnterprise(depsAt(deps, enteredAt), {
        particulars: {
          creditCode: enterpriseCreditCode(c.countyCode, 7000 + serial++),
          name,
          countyCode: c.countyCode,
          parkId: c.parkId,
          address: `${c.parkName}${r.pick(['创业路', '科技大道', '工业园路', '滨江路', '发展大道'])}${r.int(1, 288)}号`,
          contactPerson: contactName(r, ['经理', '总', '主管']),
          contactPhone: mobileNumber(r),
          hasTradeRecord: k % 7 !== 6,
          firstTradeOn: k % 7 === 6 ? null : `20${r.int(10, 24)}-0${r.int(1, 9)}-1${r.int(0, 9)}`,
        },
        password: withAccount ? actors.password : undefined,
        isDemo: true,
        as: operator,
      });
      const user = e.user ? sessionUserOf(e.user) : null;
      enterprises.push({ id: e.id, name, user });
      if (e.username && k < 3) accounts.push({ username: e.username, scope: `${name}（${c.name}）` });
    }
    const staff = await deps.db
      .select({ id: centreStaff.id })
      .from(centreStaff)
      .where(eq(centreStaff.centreId, c.id))
      .orderBy(asc(centreStaff.id));
    const offered = CATEGORIES.filter(([cat]) => c.services.includes(cat));
    const totalWeight = offered.reduce((n, [, w]) => n + w, 0);
    for (let day = opened; day < now; day += DAY) {
      const date = new Date(day + 8 * HOUR);
      const weekday = date.getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const ramp = Math.min(1, 0.4 + (day - opened) / (75 * DAY));
      const expected = (monthly / 21.7) * (SEASON[date.getUTCMonth()] ?? 1) * ramp;
      let n = Math.floor(expected) + (r.chance(expected - Math.floor(expected)) ? 1 : 0);
      for (; n > 0; n--) {
        const submittedAt = new Date(day - HOUR + r.int(0, 8 * 60) * 60_000);
        if (submittedAt.getTime() >= now - HOUR) continue;
        const [category, , [lo, hi], texts] = weighted(r, offered, totalWeight);
        const ent = enterprises[Math.floor(r.next() ** 1.6 * enterprises.length)] ?? enterprises[0];
        if (!ent) continue;
        const online = ent.user !== null && r.chance(0.45);
        const responseHours = online ? (0.3 + r.next() ** 2 * 6) * quality : 0;
        const acceptedAt = new Date(submittedAt.getTime() + responseHours * HOUR);
        const hours = (lo + r.next() ** 1.5 * (hi - lo)) * quality;
        const completedAt = new Date(submittedAt.getTime() + Math.max(hours, responseHours + 0.5) * HOUR);
        const progressAt = new Date((acceptedAt.getTime() + completedAt.getTime()) / 2);
        const done = completedAt.getTime() < now;
        const ratedAt = new Date(completedAt.getTime() + r.int(1, 96) * HOUR);
        // Rated by most enterprises with an account within four days; the latest not yet (待评价).
        const rated = done && ent.user !== null && r.chance(0.8) && ratedAt.getTime() < now - HOUR;
        const level = ratingLevel(r, quality);
        const index = history.length;
        const items = SERVICE_SUB_ITEMS[category];
        history.push({
          centre: c,
          operator,
          enterprise: { id: ent.id, user: ent.user },
          category,
          subItem: r.pick(items).key,
          channel: online ? 'online' : r.chance(0.75) ? 'window' : 'onsite',
          source: online ? 'enterprise' : 'staff',
          requestText: r.pick(texts),
          assigneeId: staff.length ? (r.pick(staff)?.id ?? null) : null,
          submittedAt,
          acceptedAt: acceptedAt.getTime() < now ? acceptedAt : null,
          progressAt: progressAt.getTime() < now && acceptedAt.getTime() < now ? progressAt : null,
          progressNote: '已收到企业资料，正在审核办理。',
          completedAt: done ? completedAt : null,
          resultText: RESULTS[category] ?? '已办结，相关材料已交企业。',
          // A 差评 is given through the use case below (it opens a rectification with its deadline).
          rating:
            rated && !BAD_RATING_LEVELS.includes(level)
              ? {
                  level,
                  ...scores(r, level),
                  comment: r.pick(level === 'basic' ? BASIC_COMMENTS : GOOD_COMMENTS),
                  at: ratedAt,
                }
              : null,
        });
        if (rated && BAD_RATING_LEVELS.includes(level)) bad.push({ centre: c, index });
      }
    }
    // A training the centre held half-way through its time so far.
    const trainingAt = new Date(opened + (now - opened) / 2);
    await recordActivity(
      { deps: depsAt(deps, trainingAt), user: operator, ip: null, requestId: 'demo', locale: 'zh-CN' },
      {
        kind: 'training',
        subKind: 'lecture',
        title: r.pick(['RCEP原产地规则与关税减让专题讲座', '出口退税政策解读培训', '跨境电商出口实务培训']),
        startOn: beijingDay(trainingAt),
        endOn: beijingDay(trainingAt),
        place: `${c.parkName}企业服务中心报告厅`,
        participantCount: 20 + Math.round(monthly * 2) + r.int(0, 15),
        description: '讲解政策要点及企业享惠案例，现场答疑。',
        enterpriseIds: enterprises.slice(0, 3).map((e) => e.id),
      },
    );
  }
  const ids = await writeServiceHistory(deps, history);
  await rateBadly(deps, history, ids, bad, actors);
  return accounts;
}

/** A category drawn by its weight. */
export function weighted(r: Random, offered: typeof CATEGORIES, total: number): (typeof CATEGORIES)[number] {
  let left = r.next() * total;
  for (const entry of offered) {
    left -= entry[1];
    if (left < 0) return entry;
  }
  return offered[0] ?? (CATEGORIES[2] as (typeof CATEGORIES)[number]);
}

/** The level a rating gets: mostly good, worse where the centre is slow. */
export function ratingLevel(r: Random, quality: number): TRatingLevel {
  const x = r.next();
  const badShare = quality >= 1.5 ? 0.1 : quality > 1 ? 0.05 : 0.025;
  if (x < badShare * 0.3) return 'very_dissatisfied';
  if (x < badShare) return 'dissatisfied';
  if (x < badShare + 0.08 * quality) return 'basic';
  return x < 0.6 ? 'very_satisfied' : r.chance(0.5) ? 'very_satisfied' : 'satisfied';
}

export function scores(r: Random, level: TRatingLevel) {
  const base = { very_satisfied: 5, satisfied: 4, basic: 3, dissatisfied: 2, very_dissatisfied: 1 }[level];
  const s = () => Math.max(1, Math.min(5, base + r.pick([0, 0, 0, -1, 1])));
  return { efficiency: s(), attitude: s(), professionalism: s() };
}

/**
 * The 差评 through the use cases: the rating opens a rectification with its working-day deadline; the centre answers
 * within a week or two and the county accepts a few days later — except the newest of them, still open, and in the
 * quietest case one left past its deadline.
 */
async function rateBadly(
  deps: Deps,
  history: PastService[],
  ids: number[],
  bad: { centre: CentreRow; index: number }[],
  actors: DemoServiceActors,
): Promise<void> {
  const r = seededRandom(8);
  const now = deps.clock().getTime();
  const sortedIds = [...history.keys()].sort(
    (a, b) => (history[a]?.submittedAt.getTime() ?? 0) - (history[b]?.submittedAt.getTime() ?? 0),
  );
  const idOf = new Map(sortedIds.map((h, k) => [h, ids[k] ?? 0]));
  const as = (user: SessionUser, at: number): RequestContext => ({
    deps: depsAt(deps, new Date(at)),
    user,
    ip: null,
    requestId: 'demo',
    locale: 'zh-CN',
  });
  let leftOverdue = false;
  for (const { centre, index } of bad) {
    const s = history[index];
    const id = idOf.get(index);
    if (!s?.completedAt || !s.enterprise.user || !id) continue;
    const ratedAt = Math.min(now - 2 * HOUR, s.completedAt.getTime() + r.int(2, 48) * HOUR);
    const level: TRatingLevel = r.chance(0.3) ? 'very_dissatisfied' : 'dissatisfied';
    const rated = await rateService(as(s.enterprise.user, ratedAt), id, {
      level,
      ...scores(r, level),
      comment: r.pick(BAD_COMMENTS),
    });
    const rect = rated.rectification;
    if (!rect) continue;
    const answeredAt = ratedAt + r.int(3, 12) * DAY;
    const age = now - ratedAt;
    // The oldest open one is left past its deadline (about 3 weeks for 15 working days) for the dashboards.
    if (answeredAt > now - DAY || (!leftOverdue && age > 30 * DAY && age < 60 * DAY)) {
      if (answeredAt <= now - DAY) leftOverdue = true;
      continue;
    }
    const answered = await answerRectification(as(actors.operatorOf(centre.id), answeredAt), rect.id, {
      version: rect.version,
      answer: r.pick(ANSWERS),
    });
    const acceptedAt = answeredAt + r.int(2, 7) * DAY;
    if (acceptedAt > now - HOUR) continue;
    await followUpRectification(as(actors.countyOf(centre.countyCode), acceptedAt), rect.id, {
      version: answered.version,
      decision: 'accept',
      comment: '经回访企业，整改措施已落实，同意销号。',
    });
  }
}
