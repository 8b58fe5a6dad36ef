import chineseDays from 'chinese-days';
import type { TVerdict } from '../../../contracts/centre';
import type { PolicyInForce } from '../policy';
import { cityRuleOf } from './city-rule-tag';
import { calendarSourceOf, calendarsUsed, describeCalendars, workingDayOn } from './working-calendar';

/**
 * Deadlines of Art. 10. Days are calendar days in Beijing, written YYYY-MM-DD; all arithmetic here is on those
 * strings (UTC dates), so the result does not depend on the server's time zone. Working days follow the State
 * Council's official calendar (public holidays and 调休 make-up working days): the arrangement the administrator
 * entered, else the one the chinese-days package records, else weekends only (working-calendar.ts).
 */

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: string): Date {
  const m = DAY_RE.exec(day);
  if (m) {
    const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (t.toISOString().slice(0, 10) === day) return t;
  }
  throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`);
}

function formatDay(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/** `day` plus `n` calendar days (negative: before). */
export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`days must be a whole number: ${n}`);
  return formatDay(new Date(parseDay(day).getTime() + n * DAY_MS));
}

let calendarChecked = false;
/**
 * chinese-days reads dates in the process's local time zone, and gives wrong days west of Greenwich (checked:
 * under America/New_York every answer is the previous day's). Refuse to compute a legal deadline then, rather than be wrong.
 */
function assertCalendarSane(): void {
  if (calendarChecked) return;
  const sane =
    chineseDays.getDayDetail('2026-10-12').date === '2026-10-12' &&
    chineseDays.isWorkday('2026-10-12') && // Monday
    !chineseDays.isWorkday('2026-10-24') && // Saturday
    chineseDays.isWorkday('2026-09-20') && // Sunday, 调休 working day
    !chineseDays.isWorkday('2026-10-01'); // Thursday, National Day
  if (!sane) {
    throw new Error(
      `the official holiday calendar (chinese-days) gives wrong days in time zone ${process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone}; run the server with TZ=Asia/Shanghai or UTC`,
    );
  }
  calendarChecked = true;
}

/**
 * Whether an official holiday arrangement of the year of `day` is known: entered by the administrator or built into
 * the system (chinese-days). For a year neither knows (the State Council publishes each year's arrangement in the
 * autumn before), only weekends count as days off and a deadline may come out too early: enter the year's notice.
 */
export function officialCalendarCovers(day: string): boolean {
  return calendarSourceOf(parseDay(day).getUTCFullYear()) !== 'weekendsOnly';
}

/** Entered arrangement first, then the built-in one, then weekends only (working-calendar.ts). */
export function isWorkingDay(day: string): boolean {
  parseDay(day);
  assertCalendarSane();
  return workingDayOn(day);
}

/** The n-th working day after `day` (`day` itself does not count); n = 0 gives `day`. */
export function addWorkingDays(day: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  assertCalendarSane();
  let t = parseDay(day).getTime();
  let left = n;
  while (left > 0) {
    t += DAY_MS;
    if (workingDayOn(formatDay(new Date(t)))) left--;
  }
  return formatDay(new Date(t));
}

/** `day` plus whole months; a day the target month lacks becomes its last day (民法典第二百零二条). */
export function addMonthsClamped(day: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number: ${months}`);
  const t = parseDay(day);
  const monthIndex = t.getUTCFullYear() * 12 + t.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return formatDay(new Date(Date.UTC(year, month, Math.min(t.getUTCDate(), lastDay))));
}

/** 2026年10月22日 */
export function zhDate(day: string): string {
  const t = parseDay(day);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** 22 October 2026 */
export function enDate(day: string): string {
  const t = parseDay(day);
  return `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
}

/** Which calendar the count from `from` to `to` used, in words for the verdict (issue 10). */
function calendarNote(from: string, to: string): { zh: string; en: string } {
  const words = describeCalendars(calendarsUsed(from, to));
  return { zh: `；${words['zh-CN']}`, en: `; ${words.en}` };
}

/** Art. 10(三): the agreement goes on file within N working days of its signing. */
export function filingDeadline(signedOn: string, policy: PolicyInForce): string {
  return addWorkingDays(signedOn, policy.parameters.filingDeadlineWorkingDays);
}

/**
 * Art. 10(三): 在协议签订之日起15个工作日内 … 报 … 备案. Filed: on time when filed on or before the deadline. Not filed
 * yet: still on time while today is on or before the deadline.
 */
export function filingVerdict(
  signedOn: string,
  filedOn: string | null,
  today: string,
  policy: PolicyInForce,
): TVerdict {
  const n = policy.parameters.filingDeadlineWorkingDays;
  const deadline = filingDeadline(signedOn, policy);
  parseDay(today);
  if (filedOn !== null) parseDay(filedOn);
  const actual = filedOn ?? today;
  const ok = actual <= deadline;
  const note = calendarNote(signedOn, deadline);
  const rule = {
    zh: `协议签订之日起${n}个工作日内报备，截止${zhDate(deadline)}`,
    en: `to be filed within ${n} working days of signing, by ${enDate(deadline)}`,
  };
  const signed = { zh: `三方合作协议于${zhDate(signedOn)}签订`, en: `The agreement was signed on ${enDate(signedOn)}` };
  let message: TVerdict['message'];
  if (filedOn !== null) {
    message = {
      'zh-CN': `${signed.zh}，${zhDate(filedOn)}报备，${ok ? '符合' : '超过'}${rule.zh}的要求${note.zh}（第十条（三））`,
      en: `${signed.en} and filed on ${enDate(filedOn)}: ${ok ? 'on time' : 'late'}, ${rule.en}${note.en} (Art. 10(3))`,
    };
  } else {
    message = {
      'zh-CN': `${signed.zh}，尚未报备；${ok ? '' : '已逾期，'}${rule.zh}${note.zh}（第十条（三））`,
      en: `${signed.en} and is not yet filed${ok ? '' : ', overdue'}: ${rule.en}${note.en} (Art. 10(3))`,
    };
  }
  // Art. 15: a city's implementing rule may shorten the deadline; the verdict then names it.
  const cityRule = cityRuleOf(policy, 'filingDeadlineWorkingDays', {
    'zh-CN': `协议签订之日起${n}个工作日内报备`,
    en: `filing within ${n} working days of signing`,
  });
  return {
    ok,
    article: '第十条（三）',
    rule: 'filing.deadline',
    required: deadline,
    actual,
    policyVersion: policy.version,
    ...(cityRule ? { cityRule } : {}),
    message,
    calendars: calendarsUsed(signedOn, deadline),
  };
}

/** Art. 10(六): the application for a change of operator is made within N months of the change. */
export function changeDeadline(changedOn: string, policy: PolicyInForce): string {
  return addMonthsClamped(changedOn, policy.parameters.operatorChangeDeadlineMonths);
}

/** Art. 10(六): 应在变更之日起1个月内 … 提出申请. On time when applied for on or before the deadline. */
export function changeApplicationVerdict(changedOn: string, appliedOn: string, policy: PolicyInForce): TVerdict {
  const months = policy.parameters.operatorChangeDeadlineMonths;
  const deadline = changeDeadline(changedOn, policy);
  parseDay(appliedOn);
  const ok = appliedOn <= deadline;
  return {
    ok,
    article: '第十条（六）',
    rule: 'operatorChange.deadline',
    required: deadline,
    actual: appliedOn,
    policyVersion: policy.version,
    message: {
      'zh-CN': `服务主体于${zhDate(changedOn)}变更，${zhDate(appliedOn)}提出申请，${ok ? '符合' : '超过'}变更之日起${months}个月内（截止${zhDate(deadline)}）提出申请的要求（第十条（六））`,
      en: `The operator changed on ${enDate(changedOn)} and the application was made on ${enDate(appliedOn)}: ${ok ? 'on time' : 'late'}, due within ${months} month${months === 1 ? '' : 's'} of the change, by ${enDate(deadline)} (Art. 10(6))`,
    },
  };
}

/**
 * 差评整改 (SPEC §2, §4 default from the 政务服务"好差评" scheme, 国办发〔2019〕51号): the centre answers a
 * 不满意/非常不满意 rating within the parameter's working days, counted on the official calendar from the day after
 * the rating.
 */
export function rectificationDeadline(ratedOn: string, policy: PolicyInForce): string {
  return addWorkingDays(ratedOn, policy.parameters.rectificationWorkingDays);
}

export function rectificationRule(policy: PolicyInForce): { 'zh-CN': string; en: string } {
  const n = policy.parameters.rectificationWorkingDays;
  // Art. 15: a city's implementing rule may shorten the period; the rule's words then name it.
  const city = cityRuleOf(policy, 'rectificationWorkingDays', {
    'zh-CN': `差评整改时限 ${n} 个工作日`,
    en: `a bad rating is answered within ${n} working days`,
  });
  const zhCity = city ? `；${city.cityName}实施细则 ${city.documentNumber}` : '';
  const enCity = city ? `; ${city.cityName} implementing rules ${city.documentNumber}` : '';
  return {
    'zh-CN': `差评整改时限 ${n} 个工作日（政务服务“好差评”制度；参数第 ${policy.version} 版${zhCity}）`,
    en: `a bad rating is answered within ${n} working days (好差评 scheme; parameters v${policy.version}${enCity})`,
  };
}
