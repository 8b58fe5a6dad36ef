import {
  DECIDABLE_GROUNDS,
  GROUNDS_OF_KIND,
  SANCTION_GROUND_NAMES,
  SANCTION_KIND_NAMES,
  type TSanctionGround,
  type TSanctionKind,
} from '../../../contracts/sanction';

/*
 * The rules of a 处理决定 (Art. 13, 14, 12(三)(2); decision 0033), pure: which grounds a kind may rest on, which
 * operators it may be made on, and whether the funds paid are to be recovered. Each refusal names its article.
 */

export type Label = { 'zh-CN': string; en: string };
type QualificationStatus = 'qualified' | 'disqualified' | 'blacklisted';

const articles = (grounds: readonly TSanctionGround[]) => grounds.map((g) => SANCTION_GROUND_NAMES[g].article);

/**
 * Art. 13 (一)–(四) disqualify; Art. 14 blacklists (and so also cancels the qualification). A form decision may not
 * rest on 12.3, which only the assessment's confirmation of two 较差 years sets (Art. 12(三)(2)).
 */
export function groundsRefusal(
  kind: TSanctionKind,
  grounds: readonly TSanctionGround[],
  opts: { fromAssessment?: boolean } = {},
): Label | null {
  const allowed = opts.fromAssessment ? GROUNDS_OF_KIND[kind] : DECIDABLE_GROUNDS[kind];
  const wrong = grounds.filter((g) => !allowed.includes(g));
  if (new Set(grounds).size !== grounds.length) {
    return { 'zh-CN': '处理依据重复', en: 'A ground is given twice' };
  }
  if (wrong.length === 0) return null;
  const k = SANCTION_KIND_NAMES[kind];
  const ok = articles(allowed).join('、');
  return {
    'zh-CN': `“${k['zh-CN']}”只能依据${ok}作出，${articles(wrong).join('、')}不适用`,
    en: `${k.en} can rest only on ${ok}; ${articles(wrong).join(', ')} does not apply`,
  };
}

/**
 * Who may be sanctioned: a blacklisted operator is already at the strictest status (Art. 14), nothing more to decide;
 * a disqualified one cannot be disqualified again (Art. 13), but may be blacklisted — the decision escalates.
 */
export function statusRefusal(kind: TSanctionKind, status: QualificationStatus): Label | null {
  if (status === 'blacklisted') {
    return {
      'zh-CN': '该企业已列入黑名单（第十四条），不能再作处理决定',
      en: 'This operator is already blacklisted (Art. 14); no further decision can be made',
    };
  }
  if (status === 'disqualified' && kind === 'disqualification') {
    return {
      'zh-CN': '该企业的承办资格已被取消（第十三条），不能重复取消；如查实恶意套取财政补助资金，可依第十四条列入黑名单',
      en: 'This operator is already disqualified (Art. 13) and cannot be disqualified again; it may be blacklisted under Art. 14',
    };
  }
  return null;
}

/** The dates: the decision takes effect on or after the day it is made, and neither lies in the future. */
export function datesRefusal(
  decidedOn: string,
  effectiveOn: string,
  today: string,
): { field: string; reason: Label } | null {
  if (decidedOn > today) {
    return {
      field: 'decidedOn',
      reason: { 'zh-CN': `决定日期不能晚于今天（${today}）`, en: `the decision date cannot be after today (${today})` },
    };
  }
  // Art. 13, 14: the qualification is cancelled, engagements end and payments are listed for recovery at once, when
  // the decision is recorded — a date in the future would print an effect that has in fact already happened.
  if (effectiveOn > today) {
    return {
      field: 'effectiveOn',
      reason: {
        'zh-CN': `处理决定记录后即时生效（第十三条、第十四条），生效日期不能晚于今天（${today}）`,
        en: `the decision takes effect when it is recorded (Art. 13, 14); the effective date cannot be after today (${today})`,
      },
    };
  }
  if (effectiveOn < decidedOn) {
    return {
      field: 'effectiveOn',
      reason: {
        'zh-CN': `生效日期不能早于决定日期（${decidedOn}）`,
        en: `the effective date cannot be before the decision date (${decidedOn})`,
      },
    };
  }
  return null;
}

/**
 * Art. 14 (追回已拨付资金): blacklisting always lists every confirmed payment for recovery. A disqualification does so
 * only where its ground means the funds were obtained wrongly — 13.1 (the recognition obtained by deceit) and 13.3
 * (services not performed, refund fraud); not for 13.2, 13.4 or 12.3, where the service paid for was given
 * (decision 0033).
 */
export function recoveryCalledFor(kind: TSanctionKind, grounds: readonly TSanctionGround[]): boolean {
  if (kind === 'blacklist') return true;
  return grounds.includes('13.1') || grounds.includes('13.3');
}

/** The status the decision leaves the operator in. */
export function statusAfter(kind: TSanctionKind): 'disqualified' | 'blacklisted' {
  return kind === 'blacklist' ? 'blacklisted' : 'disqualified';
}
