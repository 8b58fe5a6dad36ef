import { z } from 'zod';
import { ZStoredFile } from './attachment';
import { ZDay, ZId, ZIdText, ZPageQuery } from './common';
import { ZRecoveryStatus } from './funding';
import { ZQualificationStatus } from './operator';

/*
 * 处理决定 (Art. 13, 14, 12(三); issue 15; decision 0033): the province disqualifies an operator (Art. 13 (一)–(四)),
 * blacklists it (Art. 14), or confirms the cancellation after two 较差 years (Art. 12(三)(2)) — each one kind of
 * decision with a numbered letter, facts, evidence and dates, and the same effects.
 */
export const SANCTION_KINDS = ['disqualification', 'blacklist'] as const;
export const ZSanctionKind = z.enum(SANCTION_KINDS);
export type TSanctionKind = z.infer<typeof ZSanctionKind>;
export const SANCTION_KIND_NAMES: Record<TSanctionKind, { 'zh-CN': string; en: string }> = {
  disqualification: { 'zh-CN': '取消承办资格', en: 'Disqualification' },
  blacklist: { 'zh-CN': '列入黑名单', en: 'Blacklisting' },
};

/**
 * The grounds a decision rests on. 13.1–13.4 are Art. 13 (一)–(四); 14 is Art. 14 (恶意套取财政补助资金, which also
 * blacklists); 12.3 is the cancellation after consecutive 较差 years that the assessment set off (Art. 12(三)(2)).
 */
export const SANCTION_GROUNDS = ['13.1', '13.2', '13.3', '13.4', '14', '12.3'] as const;
export const ZSanctionGround = z.enum(SANCTION_GROUNDS);
export type TSanctionGround = z.infer<typeof ZSanctionGround>;
export const SANCTION_GROUND_NAMES: Record<TSanctionGround, { 'zh-CN': string; en: string; article: string }> = {
  '13.1': {
    'zh-CN': '申报时提供虚假材料或采取其他手段欺瞒、骗取相关资质认定',
    en: 'False materials or other deceit in obtaining the recognition',
    article: '第十三条（一）',
  },
  '13.2': { 'zh-CN': '被行政机关处以行政处罚', en: 'An administrative penalty imposed', article: '第十三条（二）' },
  '13.3': {
    'zh-CN': '未实际履行约定的外贸综合服务行为，代办退税业务被认定为骗取出口退税',
    en: 'Agreed services not performed; agency tax refunds found to be export-refund fraud',
    article: '第十三条（三）',
  },
  '13.4': {
    'zh-CN': '发生重大失信行为或其他违反法律法规的行为',
    en: 'Serious breach of trust or other violation of law',
    article: '第十三条（四）',
  },
  '14': {
    'zh-CN': '恶意套取财政补助资金',
    en: 'Malicious obtaining of public subsidy funds',
    article: '第十四条',
  },
  '12.3': {
    'zh-CN': '连续两年考核评估位列"较差"档次',
    en: 'Graded 较差 (poor) in consecutive years',
    article: '第十二条（三）',
  },
};

export const ZDecideSanctionInput = z.object({
  kind: ZSanctionKind,
  operatorId: ZId,
  grounds: z.array(ZSanctionGround).min(1).max(6),
  facts: z.string().trim().min(10).max(4000),
  decidedOn: ZDay,
  effectiveOn: ZDay,
});
export type TDecideSanctionInput = z.infer<typeof ZDecideSanctionInput>;

export const ZSanctionQuery = ZPageQuery.extend({
  kind: ZSanctionKind.optional(),
  operatorId: ZIdText.optional(),
});
export type TSanctionQuery = z.infer<typeof ZSanctionQuery>;

/** One row of the public blacklist (Art. 14): published without sign-in. */
export const ZBlacklistEntry = z.object({
  operatorName: z.string(),
  creditCode: z.string(),
  letterNumber: z.string(),
  decidedOn: z.string(),
  grounds: z.array(z.string()),
});
export type TBlacklistEntry = z.infer<typeof ZBlacklistEntry>;

/** The grounds each kind may rest on (Art. 13 (一)–(四) disqualify; Art. 14 blacklists; 12.3 comes from the assessment). */
export const GROUNDS_OF_KIND: Record<TSanctionKind, readonly TSanctionGround[]> = {
  disqualification: ['13.1', '13.2', '13.3', '13.4', '12.3'],
  blacklist: ['14'],
};
/** The grounds the province may choose in the form (12.3 is set by the assessment's confirmation only). */
export const DECIDABLE_GROUNDS: Record<TSanctionKind, readonly TSanctionGround[]> = {
  disqualification: ['13.1', '13.2', '13.3', '13.4'],
  blacklist: ['14'],
};

/** An engagement the decision ends (or would end, in the preview). */
export const ZSanctionEngagement = z.object({
  engagementId: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  status: z.string(),
});
/** A confirmed payment listed (or to be listed) for recovery, whole fen. */
export const ZSanctionRecovery = z.object({
  recoveryId: z.number().int().nullable(),
  paymentId: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  year: z.number().int(),
  paidOn: z.string(),
  dueFen: z.number().int(),
  recoveredFen: z.number().int(),
  status: ZRecoveryStatus.nullable(),
});
export type TSanctionRecovery = z.infer<typeof ZSanctionRecovery>;

/** What a decision does: stored in sanctions.effects, shown on the letter and in the preview. */
export const ZSanctionEffects = z.object({
  qualificationBefore: ZQualificationStatus,
  qualificationAfter: ZQualificationStatus,
  engagementsEnded: z.array(ZSanctionEngagement),
  /** Whether the grounds call for recovering the funds paid (Art. 14; decision 0033). */
  recoveryCalledFor: z.boolean(),
  recoveries: z.array(ZSanctionRecovery),
  recoveryTotalFen: z.number().int(),
});
export type TSanctionEffects = z.infer<typeof ZSanctionEffects>;

export const ZSanctionPreviewQuery = z.object({
  operatorId: ZIdText,
  kind: ZSanctionKind,
  /** Comma-separated grounds, as the form has them ticked. */
  grounds: z
    .string()
    .max(60)
    .optional()
    .transform((v, c) => {
      const list = (v ?? '').split(',').filter(Boolean);
      const parsed = z.array(ZSanctionGround).safeParse(list);
      if (!parsed.success) {
        c.addIssue({ code: 'custom', message: 'UNKNOWN_GROUND' });
        return z.NEVER;
      }
      return parsed.data;
    }),
});
export type TSanctionPreviewQuery = z.infer<typeof ZSanctionPreviewQuery>;

export const ZSanctionListItem = z.object({
  id: z.number().int(),
  kind: ZSanctionKind,
  operatorId: z.number().int(),
  operatorName: z.string(),
  creditCode: z.string(),
  grounds: z.array(ZSanctionGround),
  letterNumber: z.string(),
  decidedOn: z.string(),
  effectiveOn: z.string(),
  consequenceId: z.number().int().nullable(),
  engagementsEnded: z.number().int(),
  recoveryTotalFen: z.number().int(),
});
export type TSanctionListItem = z.infer<typeof ZSanctionListItem>;

export const ZSanction = ZSanctionListItem.extend({
  facts: z.string(),
  policyVersion: z.number().int(),
  decidedByName: z.string().nullable(),
  createdAt: z.string(),
  effects: ZSanctionEffects,
  /** The recoveries as they stand now (status, recovered), within the reader's region. */
  recoveries: z.array(ZSanctionRecovery),
  attachments: z.array(ZStoredFile),
  canUpload: z.boolean(),
});
export type TSanction = z.infer<typeof ZSanction>;

export const ZSanctionPreview = ZSanctionEffects.extend({
  operatorName: z.string(),
  /** The refusal the decision would meet now (rule and article), or null when it may be made. */
  refusal: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable(),
});
export type TSanctionPreview = z.infer<typeof ZSanctionPreview>;
