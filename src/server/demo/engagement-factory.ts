import type { TCentreDetail } from '../../contracts/centre';
import {
  ELIGIBILITY_ITEMS,
  REQUIRED_MATERIALS,
  type TEngagementDetail,
  type TOperatorChange,
  type TRecordTenderRequest,
} from '../../contracts/engagement';
import type { TOperatorDetail } from '../../contracts/operator';
import { type Deps, systemContext } from '../context';
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
}

/** The smallest real PDF: enough for the byte check, named as the material it stands for. */
function pdfFor(title: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
}

export function tenderInputFor(
  centre: TCentreDetail,
  operator: TOperatorDetail,
  today: string,
  awardedDaysAgo = 30,
): TRecordTenderRequest {
  const awardedOn = addDays(today, -awardedDaysAgo);
  return {
    operatorId: operator.id,
    projectNumber: `${centre.countyCode}-ZFCG-${awardedOn.slice(0, 4)}-${String(centre.id).padStart(3, '0')}`,
    method: 'public_tender',
    announcedOn: addDays(awardedOn, -21),
    awardedOn,
    bidders: [
      { name: operator.name, creditCode: operator.creditCode, bidAmount: 380_000 },
      { name: `${centre.cityName}通达国际货运代理有限公司`, creditCode: null, bidAmount: 395_000 },
      { name: `${centre.countyName}楚贸供应链管理有限公司`, creditCode: null, bidAmount: 410_000 },
    ],
    contractAmount: 380_000,
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
  const county = systemContext(deps, 'county', { regionCode: centre.countyCode });
  const city = systemContext(deps, 'city', { regionCode: centre.cityCode });
  const province = systemContext(deps, 'province');
  const today = beijingDay(deps.clock());
  let e = await recordTender(county, centre.id, tenderInputFor(centre, operator, today, opts.awardedDaysAgo));
  if (target === 'tendered') return e;
  for (const kind of REQUIRED_MATERIALS) {
    await uploadEngagementFile(county, e.id, kind, pdfFor(kind), `${MATERIAL_LABELS[kind]['zh-CN']}.pdf`);
  }
  e = await updateChecklist(county, e.id, {
    version: e.version,
    entries: ELIGIBILITY_ITEMS.map((item) => ({
      item,
      confirmed: true,
      evidence: `已核查：${ELIGIBILITY_LABELS[item]['zh-CN']}（见申报材料及“信用中国”查询结果）`,
      attachmentIds: [],
    })),
  });
  if (target === 'ready') return e;
  const signedOn = opts.signedOn ?? addDays(today, -Math.min(5, opts.awardedDaysAgo ?? 30));
  e = await recordAgreement(county, e.id, {
    version: e.version,
    signedOn,
    agreementNumber: `${centre.countyName}商务三方〔${signedOn.slice(0, 4)}〕${centre.id}号`,
    countyParty: `${centre.countyName}商务局`,
    parkParty: `${centre.parkName}管理委员会`,
    fundScope: [
      { item: '场地运维及办公设备', amount: 80_000, description: '服务窗口运行、设备维护' },
      { item: '派驻人员劳务', amount: 200_000, description: '按第七条配备的专业服务人员' },
      { item: '培训交流与市场开拓活动', amount: 70_000, description: '政策宣讲、展会组织' },
      { item: '信息化及咨询服务', amount: 50_000, description: null },
    ],
  });
  if (opts.withContract) {
    e = await recordContract(county, e.id, {
      version: e.version,
      year: 1,
      contractNumber: `${centre.countyName}外综服合同〔${signedOn.slice(0, 4)}〕1号`,
      signedOn,
      amount: 400_000,
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
  opts: { engagement: TEngagementDetail; target: OperatorChangeTarget; changedDaysAgo?: number },
): Promise<TOperatorChange> {
  const { engagement: e, target } = opts;
  const county = systemContext(deps, 'county', { regionCode: e.countyCode });
  const city = systemContext(deps, 'city', { regionCode: e.cityCode });
  const province = systemContext(deps, 'province');
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
