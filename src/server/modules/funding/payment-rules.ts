import type { TVerdict } from '../../../contracts/centre';
import type { TEntitlementStatus } from '../../../contracts/funding';
import { AppError } from '../../lib/errors';

/*
 * The rules a payment, a confirmation and a recovery receipt must pass (Art. 11, 12(三), 13, 14), as pure verdicts
 * that name the rule and the article; refusePayment turns the failing ones into one 409 PAYMENT_RULE.
 */

const ART_11 = '第十一条';
const ART_11_FINANCE = '第十一条（由各市州商务局商财政局拨付；严格执行财务管理规定）';

/** 1234567 fen → "12,345.67元" — integer arithmetic only, no float touches the sum. */
export function yuanText(fen: number): string {
  const whole = Math.floor(fen / 100).toLocaleString('en-US');
  return `${whole}.${String(fen % 100).padStart(2, '0')}元`;
}

const verdict = (v: Omit<TVerdict, 'ok'>, ok: boolean): TVerdict => ({ ok, ...v });

/** Art. 11, 12(三): only an entitlement whose amount is fixed and due may be paid against. */
export function entitlementDueVerdict(status: TEntitlementStatus, policyVersion: number): TVerdict {
  const why: Record<Exclude<TEntitlementStatus, 'due'>, { 'zh-CN': string; en: string; article: string }> = {
    ineligible: {
      'zh-CN': '该中心当年不符合资金支持条件（认定备案后服务期限需满一年以上）',
      en: 'The centre is not eligible for funds this year (one full year of service after the filing is required)',
      article: ART_11,
    },
    awaiting_grade: {
      'zh-CN': '当年考核结果尚未公布，支持金额未确定',
      en: "The year's grade is not published yet, so the amount is not fixed",
      article: '第十一条、第十二条（三）',
    },
    withheld: {
      'zh-CN': '考核评估位列“较差”档次，不享受当年资金支持政策',
      en: 'Graded 较差 (poor): no funds for the year',
      article: '第十二条（三）',
    },
  };
  if (status === 'due') {
    return verdict(
      {
        article: ART_11,
        rule: 'payment.entitlementDue',
        required: 'due',
        actual: status,
        policyVersion,
        message: { 'zh-CN': '支持金额已确定', en: 'The amount is due' },
      },
      true,
    );
  }
  const w = why[status];
  return verdict(
    {
      article: w.article,
      rule: 'payment.entitlementDue',
      required: 'due',
      actual: status,
      policyVersion,
      message: { 'zh-CN': `${w['zh-CN']}（${w.article}）`, en: `${w.en} (${w.article})` },
    },
    false,
  );
}

/** Art. 13, 14: a disqualified operator is not paid; a blacklisted one can never be paid. */
export function operatorStandingVerdict(
  qualificationStatus: 'qualified' | 'disqualified' | 'blacklisted',
  operatorName: string,
  policyVersion: number,
): TVerdict {
  const base = { rule: 'payment.operatorStanding', required: 'qualified', actual: qualificationStatus, policyVersion };
  if (qualificationStatus === 'blacklisted') {
    return verdict(
      {
        ...base,
        article: '第十四条',
        message: {
          'zh-CN': `承办企业“${operatorName}”已列入全省外综服中心承办企业黑名单，不得拨付资金，已拨付资金应予追回（第十四条）`,
          en: `Operator "${operatorName}" is on the province's blacklist: it can never be paid, and what was paid is recovered (Art. 14)`,
        },
      },
      false,
    );
  }
  if (qualificationStatus === 'disqualified') {
    return verdict(
      {
        ...base,
        article: '第十三条',
        message: {
          'zh-CN': `承办企业“${operatorName}”已被取消外贸综合服务企业资格，不得拨付资金（第十三条）`,
          en: `Operator "${operatorName}" has been disqualified and cannot be paid (Art. 13)`,
        },
      },
      false,
    );
  }
  return verdict(
    {
      ...base,
      article: '第十三条、第十四条',
      message: { 'zh-CN': '承办企业资格正常', en: 'The operator is qualified' },
    },
    true,
  );
}

/**
 * Art. 11 专款专用: a payment never takes the operator above its entitlement; with `opts`, the same check for a sum
 * recovered against what remains to recover (Art. 14).
 */
export function amountWithinVerdict(
  amountFen: number,
  remainingFen: number,
  policyVersion: number,
  opts: { what: { 'zh-CN': string; en: string }; article: string; articleEn: string; rule: string } = {
    what: { 'zh-CN': '尚可拨付', en: 'still payable' },
    article: ART_11,
    articleEn: 'Art. 11',
    rule: 'payment.amountWithinEntitlement',
  },
): TVerdict {
  return verdict(
    {
      article: opts.article,
      rule: opts.rule,
      required: remainingFen,
      actual: amountFen,
      policyVersion,
      message: {
        'zh-CN': `金额${yuanText(amountFen)}超过${opts.what['zh-CN']}金额${yuanText(remainingFen)}（${opts.article}）`,
        en: `${yuanText(amountFen)} is more than the ${yuanText(remainingFen)} ${opts.what.en} (${opts.articleEn})`,
      },
    },
    amountFen <= remainingFen,
  );
}

/** 财务管理规定 (Art. 11): the official who recorded a payment cannot also confirm it — a second official must. */
export function fourEyesVerdict(recordedBy: number | null, confirmerId: number, policyVersion: number): TVerdict {
  return verdict(
    {
      article: ART_11_FINANCE,
      rule: 'payment.fourEyes',
      required: 'another official',
      actual: recordedBy === confirmerId ? 'the recorder' : 'another official',
      policyVersion,
      message: {
        'zh-CN': `拨付须由登记人以外的另一名工作人员凭财政部门凭证复核确认，登记人不能复核本人登记的拨付（${ART_11_FINANCE}）`,
        en: 'A payment is confirmed with the finance bureau’s voucher by an official other than the one who recorded it; the recorder cannot confirm it (Art. 11, financial rules)',
      },
    },
    recordedBy !== confirmerId,
  );
}

/** The first failing verdict (every failing one named in the message) as 409 PAYMENT_RULE. */
export function refusePayment(verdicts: TVerdict[]): void {
  const failed = verdicts.filter((v) => !v.ok);
  const [first] = failed;
  if (!first) return;
  const message = {
    'zh-CN': failed.map((v) => v.message['zh-CN']).join('；'),
    en: failed.map((v) => v.message.en).join('; '),
  };
  throw new AppError('PAYMENT_RULE', {
    verdict: { ...first, message },
    verdicts: failed,
    rule: first.rule,
    article: first.article,
  });
}
