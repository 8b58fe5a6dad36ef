import { z } from 'zod';
import { ZAttachment } from './attachment';
import { ZVerdict } from './centre';
import { ZAmount, ZDay, ZId, ZIdText, ZPage, ZVersion, zPageSize } from './common';

/**
 * 承办 (SPEC §2, §3.2, Art. 10): one operator engaged to run one centre for one procurement period — the county's
 * tender, the operator's application materials and eligibility checklist, the tripartite agreement, the city's report
 * and the province's filing, then the annual contracts until the period ends or the operator is changed.
 *
 *   tendered ──agreement──▶ signed ──report (city)──▶ reported ──file (province)──▶ filed ──▶ ended
 *                              ▲                          │
 *                              └──────return (province)
 */
export const ENGAGEMENT_STATUSES = ['tendered', 'signed', 'reported', 'filed', 'ended'] as const;
export const ZEngagementStatus = z.enum(ENGAGEMENT_STATUSES);
export type TEngagementStatus = z.infer<typeof ZEngagementStatus>;

/** Art. 10(二): the seven application materials, in the policy's order. The seventh is optional. */
export const MATERIAL_KINDS = [
  'application_form', // 1. 申报书
  'work_plan', // 2. 工作方案
  'service_proof', // 3. 通关、退税、收汇、信保等服务证明材料
  'licence_and_id', // 4. 营业执照、法人代表身份证复印件
  'staff_qualification', // 5. 专业服务人员资质及社会保险参保证明
  'authenticity_statement', // 6. 法人代表签字的真实性申明
  'other', // 7. 其他可资证明的材料
] as const;
export const ZMaterialKind = z.enum(MATERIAL_KINDS);
export type TMaterialKind = z.infer<typeof ZMaterialKind>;
export const REQUIRED_MATERIALS: readonly TMaterialKind[] = MATERIAL_KINDS.filter((k) => k !== 'other');

/** Files that belong to an engagement but are not one of the seven materials. */
export const EVIDENCE_KINDS = ['eligibility_evidence', 'tender_record', 'agreement'] as const;
export const ZEngagementFileKind = z.enum([...MATERIAL_KINDS, ...EVIDENCE_KINDS]);
export type TEngagementFileKind = z.infer<typeof ZEngagementFileKind>;

/**
 * Art. 10(一): the conditions the county confirms with evidence. Items 1–2 of the article are split as the article
 * lists them; item 3's violation record is also checked automatically against the operator's record (Art. 10(一)3,
 * 13, 14), and the county confirms the credit-list search (信用中国) itself.
 */
export const ELIGIBILITY_ITEMS = [
  'legal_entity', // 1. 依法注册、备案，具有独立法人资格
  'sound_finance', // 1. 财务管理制度健全，资信情况良好
  'trade_qualification', // 2. 已获得外贸经营者资质
  'capabilities', // 2. 外贸综合服务、供应链金融、国际货代、物流等运营能力
  'premises_and_team', // 2. 固定的经营场所和专业外贸团队
  'policy_knowledge', // 2. 熟悉国内对外贸易政策
  'no_violation', // 3. 3年内无违法违规经营等不良记录
  'not_on_credit_lists', // 3. 未被列入失信联合惩戒名单、失信企业、严重失信主体名单
] as const;
export const ZEligibilityItem = z.enum(ELIGIBILITY_ITEMS);
export type TEligibilityItem = z.infer<typeof ZEligibilityItem>;

export const ZChecklistEntry = z.object({
  item: ZEligibilityItem,
  confirmed: z.boolean(),
  /** What the county saw: the document, the register, the search and its date. */
  evidence: z.string().trim().max(1000),
  /** Files uploaded to this engagement as `eligibility_evidence`. */
  attachmentIds: z.array(ZId).max(10).default([]),
  confirmedBy: z.string().nullable().optional(),
  confirmedAt: z.string().nullable().optional(),
});
export type TChecklistEntry = z.infer<typeof ZChecklistEntry>;

export const ZBidder = z.object({
  name: z.string().trim().min(2).max(100),
  /** 统一社会信用代码 when known; checked against its GB 32100 check character. */
  creditCode: z.string().trim().max(30).nullable().optional(),
  /** 投标报价, 元. */
  bidAmount: ZAmount.nullable().optional(),
});
export type TBidder = z.infer<typeof ZBidder>;

/** Art. 10(三): the county's public tender that chose the operator. Creates the engagement. */
export const ZRecordTenderRequest = z.object({
  operatorId: ZId,
  /** 政府采购项目编号 */
  projectNumber: z.string().trim().min(4).max(60),
  /** 采购方式: Art. 10(三) asks for 公开招标; another method must be justified. */
  method: z.enum(['public_tender', 'other']).default('public_tender'),
  methodNote: z.string().trim().max(1000).nullable().optional(),
  announcedOn: ZDay,
  awardedOn: ZDay,
  /** Everyone who bid, the winner included. */
  bidders: z.array(ZBidder).min(1).max(50),
  /** 中标金额, 元 per year. */
  contractAmount: ZAmount.nullable().optional(),
  /** First day of the service period (Art. 10(三): 3 years from the parameter version). */
  serviceStart: ZDay,
});
export type TRecordTenderRequest = z.infer<typeof ZRecordTenderRequest>;

/** Art. 11: the fund-use scope of the agreement, item by item. */
export const ZFundLine = z.object({
  item: z.string().trim().min(2).max(100),
  /** 元 per year; null where the agreement states no amount. */
  amount: ZAmount.nullable().optional(),
  description: z.string().trim().max(500).nullable().optional(),
});
export type TFundLine = z.infer<typeof ZFundLine>;

/** Art. 10(三): county bureau + park committee + operator. */
export const ZRecordAgreementRequest = z.object({
  version: ZVersion,
  signedOn: ZDay,
  agreementNumber: z.string().trim().min(2).max(60),
  /** The three parties as they signed. */
  countyParty: z.string().trim().min(4).max(100),
  parkParty: z.string().trim().min(4).max(100),
  fundScope: z.array(ZFundLine).min(1).max(50),
});
export type TRecordAgreementRequest = z.infer<typeof ZRecordAgreementRequest>;

export const ZUpdateChecklistRequest = z.object({
  version: ZVersion,
  entries: z
    .array(ZChecklistEntry.omit({ confirmedBy: true, confirmedAt: true }))
    .min(1)
    .max(ELIGIBILITY_ITEMS.length),
});
export type TUpdateChecklistRequest = z.infer<typeof ZUpdateChecklistRequest>;

export const ZEngagementStepRequest = z.object({
  version: ZVersion,
  comment: z.string().trim().max(2000).optional(),
});
export type TEngagementStepRequest = z.infer<typeof ZEngagementStepRequest>;
export const ZReasonedEngagementStepRequest = ZEngagementStepRequest.extend({
  comment: z.string().trim().min(2).max(2000),
});

/** Art. 10(三): 一年一签 — one contract per year of the period; the next only after the year-end evaluation passed. */
export const ZAnnualContract = z.object({
  id: z.number().int(),
  year: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  contractNumber: z.string(),
  signedOn: z.string(),
  amount: z.number().nullable(),
  evaluation: z.enum(['pending', 'passed', 'failed']),
  evaluatedOn: z.string().nullable(),
  evaluationNote: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type TAnnualContract = z.infer<typeof ZAnnualContract>;

export const ZRecordContractRequest = z.object({
  version: ZVersion,
  year: z.number().int().min(1).max(10),
  contractNumber: z.string().trim().min(2).max(60),
  signedOn: ZDay,
  amount: ZAmount.nullable().optional(),
});
export type TRecordContractRequest = z.infer<typeof ZRecordContractRequest>;

/** The county's year-end evaluation of a contract year (Art. 10(三): 年度末期评估). */
export const ZEvaluateContractRequest = z.object({
  version: ZVersion,
  result: z.enum(['passed', 'failed']),
  evaluatedOn: ZDay,
  note: z.string().trim().min(2).max(2000),
});
export type TEvaluateContractRequest = z.infer<typeof ZEvaluateContractRequest>;

/** Why the county must run a new procurement (Art. 10(三)), when it must. */
export const ZReprocurement = z.object({
  reason: z.enum(['failed_year', 'period_ending', 'period_ended', 'operator_changed', 'qualification_cancelled']),
  /** The day the current arrangement ends (or ended). */
  dueBy: z.string().nullable(),
  article: z.string(),
  message: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type TReprocurement = z.infer<typeof ZReprocurement>;

export const ZEngagementEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  fromStatus: ZEngagementStatus.nullable(),
  toStatus: ZEngagementStatus,
  comment: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
});

export const ZEngagementAttachment = ZAttachment.extend({ kind: ZEngagementFileKind });
export type TEngagementAttachment = z.infer<typeof ZEngagementAttachment>;

export const ZEngagement = z.object({
  id: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  parkName: z.string(),
  operatorId: z.number().int(),
  operatorName: z.string(),
  operatorCreditCode: z.string(),
  status: ZEngagementStatus,
  projectNumber: z.string(),
  method: z.enum(['public_tender', 'other']),
  methodNote: z.string().nullable(),
  announcedOn: z.string(),
  awardedOn: z.string(),
  bidders: z.array(ZBidder),
  contractAmount: z.number().nullable(),
  serviceStart: z.string(),
  /** Last day of the service period: serviceStart + the parameter's years − 1 day. */
  serviceEnd: z.string(),
  signedOn: z.string().nullable(),
  agreementNumber: z.string().nullable(),
  countyParty: z.string().nullable(),
  parkParty: z.string().nullable(),
  fundScope: z.array(ZFundLine),
  /** Art. 10(三): signing + N working days on the official calendar; null before signing. */
  filingDeadline: z.string().nullable(),
  /** The filing-deadline verdict (on time / late / overdue) once the agreement is signed. */
  filingVerdict: ZVerdict.nullable(),
  reportedOn: z.string().nullable(),
  filedOn: z.string().nullable(),
  filingNumber: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  policyVersion: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TEngagement = z.infer<typeof ZEngagement>;

export const ZEngagementListQuery = z.object({
  page: ZPage,
  pageSize: zPageSize(20),
  format: z.enum(['json', 'xlsx']).default('json'),
  centreId: ZIdText.optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  status: z
    .union([ZEngagementStatus, z.array(ZEngagementStatus).max(ENGAGEMENT_STATUSES.length)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  /** Only filings past their deadline: signed or reported late, or still not reported after it. */
  overdue: z.enum(['true', 'false']).optional(),
  /** Only what waits for the caller's step (city: signed; province: reported). */
  awaitingMe: z.enum(['true', 'false']).optional(),
});
export type TEngagementListQuery = z.infer<typeof ZEngagementListQuery>;

/** Published filings (Art. 10(三): 省商务厅对各市州上报备案情况进行公布). */
export const ZPublicFiling = z.object({
  centreName: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  parkName: z.string(),
  operatorName: z.string(),
  operatorCreditCode: z.string(),
  serviceStart: z.string(),
  serviceEnd: z.string(),
  signedOn: z.string(),
  filedOn: z.string(),
  filingNumber: z.string(),
  /** Set once the operator's engagement ended (a change of operator, the end of its period). */
  endedOn: z.string().nullable(),
});
export type TPublicFiling = z.infer<typeof ZPublicFiling>;

/**
 * 更换承办企业 (Art. 10(六)): the county applies within the parameter's months of the change, the city forwards, the
 * province approves or rejects. The outgoing and incoming operators hand over (工作交接) against a checklist, and the
 * county evaluates the outgoing operator's actual service period and results (the basis of its pro-rated funds).
 */
export const OPERATOR_CHANGE_STATUSES = ['submitted', 'forwarded', 'approved', 'rejected'] as const;
export const ZOperatorChangeStatus = z.enum(OPERATOR_CHANGE_STATUSES);
export type TOperatorChangeStatus = z.infer<typeof ZOperatorChangeStatus>;

/** The usual handover items; the county ticks them off as the operators complete them. */
export const HANDOVER_ITEMS = [
  'service_records', // 服务档案与服务记录
  'open_matters', // 在办事项与企业客户名单
  'venue_equipment', // 场地、设备及资产
  'funds', // 资金使用情况及结余
  'staff', // 派驻人员工作交接
  'accounts', // 系统账号与数据权限
] as const;
export const ZHandoverItem = z.enum(HANDOVER_ITEMS);

export const ZHandoverEntry = z.object({
  item: ZHandoverItem,
  done: z.boolean(),
  note: z.string().trim().max(500).default(''),
});
export type THandoverEntry = z.infer<typeof ZHandoverEntry>;

export const ZOutgoingEvaluation = z.object({
  /** 合格 / 不合格: the county's finding on the outgoing operator's service. */
  result: z.enum(['satisfactory', 'unsatisfactory']),
  note: z.string().trim().min(4).max(2000),
});

export const ZApplyOperatorChangeRequest = z.object({
  /** The engagement version the county saw. */
  version: ZVersion,
  /** 承办企业自身原因 / 商务主管部门确有必要 */
  cause: z.enum(['operator', 'authority']),
  /** 变更之日: the day the outgoing operator stopped serving. */
  changedOn: ZDay,
  reason: z.string().trim().min(4).max(4000),
  /** The incoming operator when already known (it must be eligible); otherwise chosen by a new tender. */
  incomingOperatorId: ZId.nullable().optional(),
  outgoingEvaluation: ZOutgoingEvaluation,
});
export type TApplyOperatorChangeRequest = z.infer<typeof ZApplyOperatorChangeRequest>;

export const ZForwardOperatorChangeRequest = z.object({
  version: ZVersion,
  comment: z.string().trim().max(2000).optional(),
});
export const ZDecideOperatorChangeRequest = z.object({
  version: ZVersion,
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000).optional(),
});
export type TDecideOperatorChangeRequest = z.infer<typeof ZDecideOperatorChangeRequest>;
export const ZUpdateHandoverRequest = z.object({
  version: ZVersion,
  items: z.array(ZHandoverEntry).min(1).max(HANDOVER_ITEMS.length),
});
export type TUpdateHandoverRequest = z.infer<typeof ZUpdateHandoverRequest>;

export const ZOperatorChange = z.object({
  id: z.number().int(),
  engagementId: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  outgoingOperatorId: z.number().int(),
  outgoingOperatorName: z.string(),
  incomingOperatorId: z.number().int().nullable(),
  incomingOperatorName: z.string().nullable(),
  status: ZOperatorChangeStatus,
  cause: z.enum(['operator', 'authority']),
  changedOn: z.string(),
  appliedOn: z.string(),
  /** changedOn + the parameter's months (Art. 10(六)). */
  deadline: z.string(),
  deadlineVerdict: ZVerdict,
  reason: z.string(),
  handover: z.array(ZHandoverEntry),
  /** The outgoing operator's actual service: from its period's start to the change. */
  servedFrom: z.string(),
  servedTo: z.string(),
  servedDays: z.number().int(),
  evaluationResult: z.enum(['satisfactory', 'unsatisfactory']),
  evaluationNote: z.string(),
  forwardComment: z.string().nullable(),
  decisionComment: z.string().nullable(),
  appliedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  policyVersion: z.number().int(),
  version: z.number().int(),
  /** Steps the caller may take now: forward, decide, handover. */
  allowedActions: z.array(z.string()),
});
export type TOperatorChange = z.infer<typeof ZOperatorChange>;

export const ZOperatorChangeListQuery = z.object({
  page: ZPage,
  pageSize: zPageSize(20),
  status: ZOperatorChangeStatus.optional(),
  centreId: ZIdText.optional(),
  awaitingMe: z.enum(['true', 'false']).optional(),
});
export type TOperatorChangeListQuery = z.infer<typeof ZOperatorChangeListQuery>;

export const ZEngagementDetail = ZEngagement.extend({
  /** Art. 10(一), 13, 14 verdicts on the operator today. */
  eligibility: z.array(ZVerdict),
  checklist: z.array(ZChecklistEntry),
  /** Art. 10(二): which of the six required materials are still missing. */
  missingMaterials: z.array(ZMaterialKind),
  attachments: z.array(ZEngagementAttachment),
  contracts: z.array(ZAnnualContract),
  reprocurement: ZReprocurement.nullable(),
  events: z.array(ZEngagementEvent),
  /** Art. 10(六): applications to change this engagement's operator. */
  changes: z.array(ZOperatorChange),
  /** The steps the caller may take now (the server checks again): sign, report, return, file, contract, evaluate. */
  allowedActions: z.array(z.string()),
});
export type TEngagementDetail = z.infer<typeof ZEngagementDetail>;
