import type { TCentreDetail } from '../../contracts/centre';
import {
  ELIGIBILITY_ITEMS,
  REQUIRED_MATERIALS,
  type TEngagementDetail,
  type TOperatorChange,
  type TRecordTenderRequest,
} from '../../contracts/engagement';
import type { TOperatorDetail } from '../../contracts/operator';
import type { Deps } from '../context';
import type { SessionUser } from '../lib/access/session-user';
import { recordContract } from '../modules/engagement/annual-contracts';
import { applyOperatorChange } from '../modules/engagement/apply-operator-change';
import { decideOperatorChange, forwardOperatorChange } from '../modules/engagement/decide-operator-change';
import { recordAgreement } from '../modules/engagement/record-agreement';
import { recordTender } from '../modules/engagement/record-tender';
import { stepEngagement } from '../modules/engagement/step-engagement';
import { updateChecklist } from '../modules/engagement/update-checklist';
import { uploadEngagementFile } from '../modules/engagement/upload-engagement-file';
import { beijingDay } from '../policy/policy';
import { addDays } from '../policy/rules/deadlines';
import { ELIGIBILITY_LABELS, MATERIAL_LABELS } from '../policy/rules/operator-application';
import { actor } from './factories';

export type EngagementTarget = 'tendered' | 'ready' | 'signed' | 'reported' | 'filed';

export interface MakeEngagementOptions {
  centre: TCentreDetail;
  operator: TOperatorDetail;
  /** `ready`: tendered, with the six materials uploaded and the checklist confirmed. */
  target: EngagementTarget;
  /** Days before today (Beijing): the award, and the signing of the agreement. */
  awardedDaysAgo?: number;
  signedOn?: string;
  /** Record the year-1 contract as well (from `signed` on). */
  withContract?: boolean;
  /** Take every step this many days ago (the demo's history); the award is 30 days before that by default. */
  daysAgo?: number;
  /** The yearly price the operator won the tender at (元): the award, every year's contract and the fund lines. */
  amount?: number;
  /** The accounts that take the steps (the demo's); the platform acting in each role when left out (tests). */
  actors?: { county?: SessionUser; city?: SessionUser; province?: SessionUser };
  /**
   * When each step happens (the demo's history), instead of `daysAgo`: the tender recorded, the materials and
   * checklist, the agreement (and year-1 contract) recorded, the city's report, the province's filing.
   */
  steps?: { tendered: Date; ready: Date; signed: Date; reported: Date; filed: Date };
}

/** The smallest real PDF: enough for the byte check, named as the material it stands for. */
function pdfFor(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
}

/** The agreement's fund lines (Art. 10(三)), summing to the yearly amount: staff the largest share. */
export function fundScopeFor(amount: number) {
  const venue = Math.round((amount * 0.2) / 1000) * 1000;
  const training = Math.round((amount * 0.175) / 1000) * 1000;
  const it = Math.round((amount * 0.125) / 1000) * 1000;
  return [
    { item: '场地运维及办公设备', amount: venue, description: '服务窗口运行、设备维护' },
    { item: '派驻人员劳务', amount: amount - venue - training - it, description: '按第七条配备的专业服务人员' },
    { item: '培训交流与市场开拓活动', amount: training, description: '政策宣讲、展会组织' },
    { item: '信息化及咨询服务', amount: it, description: null },
  ];
}

export function tenderInputFor(
  centre: TCentreDetail,
  operator: TOperatorDetail,
  today: string,
  awardedDaysAgo = 30,
  amount = 380_000,
): TRecordTenderRequest {
  const awardedOn = addDays(today, -awardedDaysAgo);
  // The losing bids are higher (lowest-price evaluation) and rounded to the thousand as bids are.
  const losing = (pct: number) => Math.round((amount * (1 + pct)) / 1000) * 1000;
  return {
    operatorId: operator.id,
    projectNumber: `${centre.countyCode}-ZFCG-${awardedOn.slice(0, 4)}-${String(centre.id).padStart(3, '0')}`,
    method: 'public_tender',
    announcedOn: addDays(awardedOn, -21),
    awardedOn,
    bidders: [
      { name: operator.name, creditCode: operator.creditCode, bidAmount: amount },
      { name: `${centre.cityName}通达国际货运代理有限公司`, creditCode: null, bidAmount: losing(0.04) },
      { name: `${centre.countyName}楚贸供应链管理有限公司`, creditCode: null, bidAmount: losing(0.08) },
    ],
    contractAmount: amount,
    serviceStart: awardedOn,
  };
}

/**
 * An operator engaged for a centre through the real workflow — the county records the tender, uploads the seven
 * materials and confirms the checklist, signs the agreement; the city reports; the province files — so demo and
 * tests only hold reachable states.
 */
export async function makeEngagement(baseDeps: Deps, opts: MakeEngagementOptions): Promise<TEngagementDetail> {
  const { centre, operator, target } = opts;
  const shift = (opts.daysAgo ?? 0) * 86_400_000;
  const deps: Deps = shift ? { ...baseDeps, clock: () => new Date(baseDeps.clock().getTime() - shift) } : baseDeps;
  const steps = opts.steps;
  const county = (at?: Date) => actor(deps, 'county', { regionCode: centre.countyCode }, opts.actors?.county, at);
  const city = actor(deps, 'city', { regionCode: centre.cityCode }, opts.actors?.city, steps?.reported);
  const province = actor(deps, 'province', {}, opts.actors?.province, steps?.filed);
  const amount = opts.amount ?? 380_000;
  const tenderDay = beijingDay(steps?.tendered ?? deps.clock());
  // With steps given, the tender is recorded a few days after the award.
  const awardedDaysAgo = opts.awardedDaysAgo ?? (steps ? 4 : 30);
  let e = await recordTender(
    county(steps?.tendered),
    centre.id,
    tenderInputFor(centre, operator, tenderDay, awardedDaysAgo, amount),
  );
  if (target === 'tendered') return e;
  const ready = county(steps?.ready);
  for (const kind of REQUIRED_MATERIALS) {
    await uploadEngagementFile(ready, e.id, kind, pdfFor(kind), `${MATERIAL_LABELS[kind]['zh-CN']}.pdf`);
  }
  e = await updateChecklist(ready, e.id, {
    version: e.version,
    entries: ELIGIBILITY_ITEMS.map((item) => ({
      item,
      confirmed: true,
      evidence: `已核查：${ELIGIBILITY_LABELS[item]['zh-CN']}（见申报材料及“信用中国”查询结果）`,
      attachmentIds: [],
    })),
  });
  if (target === 'ready') return e;
  const signing = county(steps?.signed);
  const signedOn =
    opts.signedOn ??
    (steps ? beijingDay(steps.signed) : addDays(beijingDay(deps.clock()), -Math.min(5, opts.awardedDaysAgo ?? 30)));
  e = await recordAgreement(signing, e.id, {
    version: e.version,
    signedOn,
    agreementNumber: `${centre.countyName}商务三方〔${signedOn.slice(0, 4)}〕${centre.id}号`,
    countyParty: `${centre.countyName}商务局`,
    parkParty: `${centre.parkName}管理委员会`,
    fundScope: fundScopeFor(amount),
  });
  if (opts.withContract) {
    // 一年一签 at the price the tender was won at.
    e = await recordContract(signing, e.id, {
      version: e.version,
      year: 1,
      contractNumber: `${centre.countyName}外综服合同〔${signedOn.slice(0, 4)}〕1号`,
      signedOn,
      amount,
    });
  }
  if (target === 'signed') return e;
  e = await stepEngagement(city, e.id, 'report', { version: e.version, comment: '材料齐全，汇总上报。' });
  if (target === 'reported') return e;
  return stepEngagement(province, e.id, 'file', { version: e.version, comment: '予以备案并公布。' });
}

export type OperatorChangeTarget = 'submitted' | 'forwarded' | 'approved' | 'rejected';

/**
 * A change of operator (Art. 10(六)) on a filed engagement through the real workflow: the county applies (the change
 * happened `changedDaysAgo` days ago, within the month), the city forwards, the province decides.
 */
export async function makeOperatorChange(
  deps: Deps,
  opts: {
    engagement: TEngagementDetail;
    target: OperatorChangeTarget;
    changedDaysAgo?: number;
    actors?: MakeEngagementOptions['actors'];
  },
): Promise<TOperatorChange> {
  const { engagement: e, target } = opts;
  const county = actor(deps, 'county', { regionCode: e.countyCode }, opts.actors?.county);
  const city = actor(deps, 'city', { regionCode: e.cityCode }, opts.actors?.city);
  const province = actor(deps, 'province', {}, opts.actors?.province);
  const today = beijingDay(deps.clock());
  let change = await applyOperatorChange(county, e.id, {
    version: e.version,
    cause: 'operator',
    changedOn: addDays(today, -(opts.changedDaysAgo ?? 7)),
    reason: `${e.operatorName}因经营调整申请退出承办，经县商务局同意终止服务。`,
    incomingOperatorId: null,
    outgoingEvaluation: { result: 'satisfactory', note: '服务期内按协议提供服务，服务记录完整，评估合格。' },
  });
  if (target === 'submitted') return change;
  change = await forwardOperatorChange(city, change.id, { version: change.version, comment: '同意报省商务厅核准。' });
  if (target === 'forwarded') return change;
  return decideOperatorChange(province, change.id, {
    version: change.version,
    decision: target === 'approved' ? 'approve' : 'reject',
    comment: target === 'approved' ? '同意更换。' : '更换理由不充分。',
  });
}
