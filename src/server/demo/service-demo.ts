import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { SERVICE_SUB_ITEMS } from '../../contracts/service-catalogue';
import type { TServiceCategory } from '../../contracts/service-category';
import type { TRatingLevel } from '../../contracts/service-record';
import { type Deps, type RequestContext, systemContext } from '../context';
import { centreStaff, centres, engagements, parks, regions } from '../db/schema';
import type { SessionUser } from '../lib/access/session-user';
import { recordActivity } from '../modules/activity/record-activity';
import { recordService, requestService } from '../modules/service/create-service';
import { rateService } from '../modules/service/rate-service';
import { answerRectification } from '../modules/service/rectification';
import { stepService } from '../modules/service/step-service';
import { enterpriseCreditCode, makeEnterprise } from './enterprise-factory';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A context acting as a given operator or enterprise account, on a clock shifted into the past. */
function actingAs(
  deps: Deps,
  role: 'operator' | 'enterprise',
  ids: { centreId?: number; enterpriseId?: number },
  name: string,
): RequestContext {
  const base = systemContext(deps, role);
  const user: SessionUser = {
    ...(base.user as SessionUser),
    displayName: name,
    centreId: ids.centreId ?? null,
    enterpriseId: ids.enterpriseId ?? null,
  };
  return { ...base, user };
}

function at(deps: Deps, msAgo: number): Deps {
  const base = deps.clock;
  return { ...deps, clock: () => new Date(base().getTime() - msAgo) };
}

const COMPANY_WORDS = ['进出口', '国际贸易', '供应链', '跨境电商', '实业', '科技'];
const PRODUCTS = ['光电', '机电', '纺织', '磷化工', '农产品', '汽车零部件', '生物医药', '电子'];
const RATINGS: TRatingLevel[] = [
  'very_satisfied',
  'very_satisfied',
  'satisfied',
  'very_satisfied',
  'satisfied',
  'basic',
];
const REQUESTS: Partial<Record<TServiceCategory, string>> = {
  filing_agency: '新设企业，请协助办理海关进出口收发货人备案及电子口岸卡申领。',
  customs_declaration: '一批出口货物下周报关，请协助核对报关单要素和商品归类。',
  tax_refund: '请协助办理上季度出口退税申报，单证已备齐。',
  fx_settlement: '美元货款到账，咨询结汇流程和汇率避险工具。',
  insurance: '新开拓南美客户，咨询出口信用保险投保。',
  financing: '订单增长，咨询出口信保保单融资。',
  consultation: '咨询RCEP原产地规则及关税减让。',
  logistics: '需要安排一批整柜海运至汉堡，请推荐物流方案。',
  training: '希望参加外贸新手业务培训。',
  translation: '一份合同需要英译中并审核条款。',
};

/**
 * Service demo data (issue 6) for every operating centre: enterprises of its park (some with accounts
 * enterprise.<credit code>), service records since its filing — requested by enterprises or entered at the window —
 * handled with progress entries, completed and mostly rated, a few 差评 with rectifications (one answered, one left
 * open past its deadline), and a training and an exhibition. Everything goes through the use cases on a clock set
 * back to when it happened.
 */
export async function loadDemoServices(deps: Deps, password: string): Promise<{ username: string; scope: string }[]> {
  const rows = await deps.db
    .select({
      id: centres.id,
      name: centres.name,
      services: centres.services,
      countyCode: centres.countyCode,
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
    .orderBy(asc(centres.id));
  const accounts: { username: string; scope: string }[] = [];
  let serial = 1;
  for (const [ci, c] of rows.entries()) {
    const since = Math.max(
      2,
      Math.min(100, Math.floor((deps.clock().getTime() - new Date(`${c.filedOn}T09:00:00+08:00`).getTime()) / DAY) - 1),
    );
    const enterprises: { id: number; name: string }[] = [];
    for (let k = 0; k < 5; k++) {
      const short = c.countyName.replace(/(市|区|县|自治县)$/, '');
      const name = `${short}${PRODUCTS[(ci + k) % PRODUCTS.length]}${COMPANY_WORDS[(ci * 3 + k) % COMPANY_WORDS.length]}有限公司`;
      const withAccount = k < 3;
      const e = await makeEnterprise(deps, {
        particulars: {
          creditCode: enterpriseCreditCode(c.countyCode, 7000 + serial++),
          name,
          countyCode: c.countyCode,
          parkId: c.parkId,
          address: `${c.parkName}${k + 1}号厂房`,
          contactPerson: ['张', '王', '李', '刘', '陈'][k] + ['经理', '主管', '女士', '先生', '总'][(ci + k) % 5],
          contactPhone: `13${String(700000000 + ci * 100 + k).padStart(9, '0')}`,
          hasTradeRecord: k !== 4,
          firstTradeOn: k === 4 ? null : k === 3 ? dayAgo(deps, Math.min(since, 60)) : '2019-06-01',
        },
        password: withAccount ? password : undefined,
        isDemo: true,
      });
      enterprises.push({ id: e.id, name });
      if (e.username && accounts.length < 40) accounts.push({ username: e.username, scope: `${name}（${c.name}）` });
    }
    const [staff] = await deps.db
      .select({ id: centreStaff.id })
      .from(centreStaff)
      .where(eq(centreStaff.centreId, c.id))
      .limit(1);
    const categories = (c.services as TServiceCategory[]).filter((s) => REQUESTS[s]);
    const count = 8;
    for (let i = 0; i < count; i++) {
      const daysAgo = Math.max(1, Math.round(since * (1 - i / count)));
      const when = at(deps, daysAgo * DAY);
      const ent = enterprises[(i + ci) % enterprises.length];
      if (!ent) continue;
      const category = categories[(i + ci) % categories.length] ?? 'consultation';
      const subItem = SERVICE_SUB_ITEMS[category][0]?.key ?? 'other';
      const operator = (d: Deps) => actingAs(d, 'operator', { centreId: c.id }, `${c.name}工作人员`);
      const enterprise = (d: Deps) => actingAs(d, 'enterprise', { enterpriseId: ent.id }, ent.name);
      const byEnterprise = (i % 2 === 0 || i === count - 1) && (i + ci) % enterprises.length < 3;
      let r = byEnterprise
        ? await requestService(enterprise(when), {
            centreId: c.id,
            category,
            subItem,
            requestText: REQUESTS[category] ?? '咨询外贸政策。',
          })
        : await recordService(operator(when), {
            enterpriseId: ent.id,
            category,
            subItem,
            channel: (['window', 'onsite', 'online'] as const)[i % 3],
            requestText: REQUESTS[category] ?? '咨询外贸政策。',
            assigneeId: staff?.id ?? null,
          });
      // The newest records are still being worked on; the rest are completed within a few days.
      const open = i >= count - 2;
      // The newest enterprise request still waits to be accepted (待受理).
      if (i === count - 1 && r.status === 'submitted') continue;
      if (r.status === 'submitted')
        r = await stepService(operator(at(deps, daysAgo * DAY - 2 * HOUR)), r.id, 'accept', { version: r.version });
      if (open && i === count - 1) continue;
      r = await stepService(operator(at(deps, daysAgo * DAY - 5 * HOUR)), r.id, 'progress', {
        version: r.version,
        note: '已收到企业资料，正在审核办理。',
      });
      if (open) continue;
      const doneAgo = Math.max(0.5 * DAY, daysAgo * DAY - 2 * DAY);
      r = await stepService(operator(at(deps, doneAgo)), r.id, 'complete', {
        version: r.version,
        note: '已办结，相关材料已交企业。',
      });
      // Enterprises with accounts rate; a few leave it for later (unrated reminders).
      const rater = enterprises.slice(0, 3).some((e) => e.id === r.enterpriseId);
      if (!rater || i === 1) continue;
      const bad = ci % 3 === 0 && i === 0;
      const level: TRatingLevel = bad ? 'dissatisfied' : (RATINGS[(i + ci) % RATINGS.length] ?? 'satisfied');
      const rated = await rateService(enterprise(at(deps, doneAgo - 3 * HOUR)), r.id, {
        level,
        efficiency: bad ? 2 : 5,
        attitude: bad ? 3 : 5,
        professionalism: bad ? 3 : 4,
        comment: bad ? '办理周期偏长，进度反馈不及时。' : '服务专业，响应及时。',
      });
      // Half of the 差评 are answered in time; the others are left open (overdue once past 15 working days).
      if (bad && rated.rectification && ci % 6 === 0)
        await answerRectification(operator(at(deps, doneAgo - 2 * DAY)), rated.rectification.id, {
          version: rated.rectification.version,
          answer: '已约谈经办人员，建立进度周报制度，并向企业致歉说明。',
        });
    }
    const trainingAgo = Math.max(1, Math.floor(since / 2));
    await recordActivity(actingAs(at(deps, trainingAgo * DAY), 'operator', { centreId: c.id }, `${c.name}工作人员`), {
      kind: 'training',
      subKind: 'lecture',
      title: 'RCEP原产地规则与关税减让专题讲座',
      startOn: dayAgo(deps, trainingAgo),
      endOn: dayAgo(deps, trainingAgo),
      place: `${c.parkName}企业服务中心报告厅`,
      participantCount: 40 + ci,
      description: '讲解原产地证书申领、累积规则及企业享惠案例。',
      enterpriseIds: enterprises.slice(0, 3).map((e) => e.id),
    });
  }
  return accounts;
}

function dayAgo(deps: Deps, days: number): string {
  return new Date(deps.clock().getTime() + 8 * HOUR - days * DAY).toISOString().slice(0, 10);
}
