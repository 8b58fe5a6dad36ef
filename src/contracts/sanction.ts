import { z } from 'zod';
import { ZDay, ZId, ZPageQuery } from './common';

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
  operatorId: z.coerce.number().int().positive().optional(),
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
