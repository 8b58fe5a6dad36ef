import { execFileSync } from 'node:child_process';
import chineseDays from 'chinese-days';
import { afterEach, describe, expect, it } from 'vitest';
import { POLICY_V1 } from '../parameters-v1';
import type { PolicyInForce } from '../policy';
import {
  addMonthsClamped,
  addWorkingDays,
  changeApplicationVerdict,
  changeDeadline,
  enDate,
  filingDeadline,
  filingVerdict,
  isWorkingDay,
  officialCalendarCovers,
  rectificationDeadline,
  rectificationRule,
  zhDate,
} from './deadlines';
import { setEnteredCalendar } from './working-calendar';

const v1: PolicyInForce = { version: 1, parameters: POLICY_V1 };

function* daysOf(year: number): Generator<string> {
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

describe('the official calendar of 2026 (chinese-days)', () => {
  it('knows the holidays and the 调休 make-up days', () => {
    expect(officialCalendarCovers('2026-06-01')).toBe(true);
    expect(isWorkingDay('2026-09-25')).toBe(false); // Friday, 中秋节
    expect(isWorkingDay('2026-10-01')).toBe(false); // Thursday, 国庆节
    expect(isWorkingDay('2026-10-07')).toBe(false); // Wednesday, 国庆节
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday, make-up working day
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up working day
    expect(isWorkingDay('2026-09-19')).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2026-09-27')).toBe(false); // Sunday inside the 中秋 break
  });

  it('does not know years it has no arrangement for (only weekends are then days off)', () => {
    expect(officialCalendarCovers('2099-05-01')).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-09-25', 15, '2026-10-22'], // stack.md: findWorkday(15, '2026-09-25'); signed on 中秋, over 国庆
    ['2026-09-18', 15, '2026-10-15'], // Friday: make-up Sunday 20 Sep and Saturday 10 Oct count
    ['2026-09-19', 15, '2026-10-15'], // ordinary Saturday: the same as signing the day before
    ['2026-09-20', 15, '2026-10-16'], // 调休 Sunday (a working day) does not count itself
    ['2026-10-10', 15, '2026-10-30'], // 调休 Saturday
    ['2026-11-02', 15, '2026-11-23'], // no holiday: three weeks
    ['2026-02-13', 15, '2026-03-12'], // 春节: 14 Feb and 28 Feb (Saturdays) are working days
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 0, '2026-09-30'],
    ['2026-10-03', 0, '2026-10-03'],
  ])('%s + %d working days = %s', (day, n, expected) => {
    expect(addWorkingDays(day, n)).toBe(expected);
  });

  it('agrees with chinese-days findWorkday on every day of 2026', () => {
    for (const day of daysOf(2026)) {
      for (const n of [1, 15]) expect(addWorkingDays(day, n), `${day} + ${n}`).toBe(chineseDays.findWorkday(n, day));
    }
  });

  it('refuses bad input', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-9-25', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-09-25', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-09-25', 1.5)).toThrow(RangeError);
  });

  it('refuses to compute in a time zone where chinese-days is wrong, and is right in others', () => {
    const run = (tz: string) =>
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `import { addWorkingDays } from ${JSON.stringify(new URL('./deadlines.ts', import.meta.url).href)};
           try { process.stdout.write(addWorkingDays('2026-09-25', 15)); } catch (e) { process.stdout.write('refused'); }`,
        ],
        { env: { ...process.env, TZ: tz }, encoding: 'utf8' },
      );
    expect(run('America/New_York')).toBe('refused');
    expect(run('Asia/Shanghai')).toBe('2026-10-22');
    expect(run('UTC')).toBe('2026-10-22');
  });
});

describe('差评整改 within the parameter working days (SPEC §4, 好差评)', () => {
  it('counts working days on the official calendar, over 国庆, from the parameter version', () => {
    // Rated on 中秋 (a Friday before the National Day break): 15 working days end on 22 October.
    expect(rectificationDeadline('2026-09-25', v1)).toBe('2026-10-22');
    // An ordinary stretch: Tuesday 24 November + 15 working days = Tuesday 15 December.
    expect(rectificationDeadline('2026-11-24', v1)).toBe('2026-12-15');
    const v2: PolicyInForce = { version: 2, parameters: { ...POLICY_V1, rectificationWorkingDays: 5 } };
    expect(rectificationDeadline('2026-11-24', v2)).toBe('2026-12-01');
    expect(rectificationRule(v2)['zh-CN']).toContain('5 个工作日');
    expect(rectificationRule(v2)['zh-CN']).toContain('第 2 版');
  });
});

describe('Art. 10(三) filing within 15 working days of signing', () => {
  it('takes the deadline from the parameter version', () => {
    expect(filingDeadline('2026-09-25', v1)).toBe('2026-10-22');
    const v2: PolicyInForce = { version: 2, parameters: { ...POLICY_V1, filingDeadlineWorkingDays: 10 } };
    expect(filingDeadline('2026-09-25', v2)).toBe('2026-10-15');
    expect(filingVerdict('2026-09-25', '2026-10-20', '2026-11-27', v2)).toMatchObject({
      ok: false,
      required: '2026-10-15',
      policyVersion: 2,
    });
  });

  it('is on time when filed on the 15th working day, late the day after', () => {
    const onTime = filingVerdict('2026-09-25', '2026-10-22', '2026-11-27', v1);
    expect(onTime).toEqual({
      ok: true,
      article: '第十条（三）',
      rule: 'filing.deadline',
      required: '2026-10-22',
      actual: '2026-10-22',
      policyVersion: 1,
      message: {
        'zh-CN':
          '三方合作协议于2026年9月25日签订，2026年10月22日报备，符合协议签订之日起15个工作日内报备，截止2026年10月22日的要求；工作日计算：2026年按系统内置的国务院节假日安排（第十条（三））',
        en: "The agreement was signed on 25 September 2026 and filed on 22 October 2026: on time, to be filed within 15 working days of signing, by 22 October 2026; working days: 2026 on the State Council's arrangement built into the system (Art. 10(3))",
      },
      calendars: [{ year: 2026, source: 'builtIn', notice: null }],
    });
    const late = filingVerdict('2026-09-25', '2026-10-23', '2026-11-27', v1);
    expect(late).toMatchObject({ ok: false, required: '2026-10-22', actual: '2026-10-23' });
    expect(late.message['zh-CN']).toContain('超过协议签订之日起15个工作日内报备');
    expect(late.message.en).toContain('late');
  });

  it('is on time when filed early, even the day of signing', () => {
    expect(filingVerdict('2026-09-25', '2026-09-25', '2026-11-27', v1).ok).toBe(true);
    expect(filingVerdict('2026-09-25', '2026-09-30', '2026-11-27', v1).ok).toBe(true);
  });

  it('while not filed, is on time up to the deadline and overdue after it (actual = today)', () => {
    const pending = filingVerdict('2026-09-25', null, '2026-10-22', v1);
    expect(pending).toMatchObject({ ok: true, required: '2026-10-22', actual: '2026-10-22' });
    expect(pending.message['zh-CN']).toBe(
      '三方合作协议于2026年9月25日签订，尚未报备；协议签订之日起15个工作日内报备，截止2026年10月22日；工作日计算：2026年按系统内置的国务院节假日安排（第十条（三））',
    );
    expect(pending.message.en).toContain('not yet filed');
    const overdue = filingVerdict('2026-09-25', null, '2026-10-23', v1);
    expect(overdue).toMatchObject({ ok: false, actual: '2026-10-23' });
    expect(overdue.message['zh-CN']).toContain('已逾期');
    expect(overdue.message.en).toContain('overdue');
  });

  it('counts from a signing on a Saturday or a 调休 Sunday', () => {
    expect(filingVerdict('2026-09-19', '2026-10-15', '2026-11-27', v1).ok).toBe(true);
    expect(filingVerdict('2026-09-19', '2026-10-16', '2026-11-27', v1).ok).toBe(false);
    expect(filingVerdict('2026-09-20', '2026-10-16', '2026-11-27', v1).ok).toBe(true);
    expect(filingVerdict('2026-09-20', '2026-10-17', '2026-11-27', v1).ok).toBe(false);
  });

  it('warns when the deadline runs into a year whose holidays are not known', () => {
    const v = filingVerdict('2099-03-02', null, '2099-03-02', v1);
    expect(v.required).toBe('2099-03-23');
    expect(v.message['zh-CN']).toContain('2099年节假日安排尚未录入，仅按周末推算');
    expect(v.message.en).toContain('2099: official holidays not yet entered, weekends only');
    expect(v.calendars).toEqual([{ year: 2099, source: 'weekendsOnly', notice: null }]);
    expect(filingVerdict('2026-09-25', null, '2026-10-01', v1).message['zh-CN']).not.toContain('尚未录入');
  });

  it('refuses a malformed date', () => {
    expect(() => filingVerdict('2026-09-25', '2026/10/01', '2026-11-27', v1)).toThrow(RangeError);
    expect(() => filingVerdict('2026-09-25', null, 'today', v1)).toThrow(RangeError);
  });
});

describe('addMonthsClamped', () => {
  it.each([
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2100-01-31', 1, '2100-02-28'], // century, not a leap year
    ['2000-01-31', 1, '2000-02-29'], // 400-year leap year
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-01-28', 1, '2026-02-28'],
    ['2026-03-15', 1, '2026-04-15'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2027-01-15', -1, '2026-12-15'],
    ['2026-05-31', 0, '2026-05-31'],
  ])('%s + %d month(s) = %s', (day, months, expected) => {
    expect(addMonthsClamped(day, months)).toBe(expected);
  });

  it('refuses bad input', () => {
    expect(() => addMonthsClamped('2026-04-31', 1)).toThrow(RangeError);
    expect(() => addMonthsClamped('2026-03-31', 0.5)).toThrow(RangeError);
  });
});

describe('Art. 10(六) application within 1 month of a change of operator', () => {
  it('takes the deadline from the parameter version', () => {
    expect(changeDeadline('2026-03-31', v1)).toBe('2026-04-30');
    const v2: PolicyInForce = { version: 2, parameters: { ...POLICY_V1, operatorChangeDeadlineMonths: 2 } };
    expect(changeDeadline('2026-03-31', v2)).toBe('2026-05-31');
    expect(changeApplicationVerdict('2026-03-31', '2026-05-01', v2)).toMatchObject({ ok: true, policyVersion: 2 });
  });

  it('is on time on the last day of the month, late the day after', () => {
    const onTime = changeApplicationVerdict('2026-03-31', '2026-04-30', v1);
    expect(onTime).toEqual({
      ok: true,
      article: '第十条（六）',
      rule: 'operatorChange.deadline',
      required: '2026-04-30',
      actual: '2026-04-30',
      policyVersion: 1,
      message: {
        'zh-CN':
          '服务主体于2026年3月31日变更，2026年4月30日提出申请，符合变更之日起1个月内（截止2026年4月30日）提出申请的要求（第十条（六））',
        en: 'The operator changed on 31 March 2026 and the application was made on 30 April 2026: on time, due within 1 month of the change, by 30 April 2026 (Art. 10(6))',
      },
    });
    const late = changeApplicationVerdict('2026-03-31', '2026-05-01', v1);
    expect(late).toMatchObject({ ok: false, required: '2026-04-30', actual: '2026-05-01' });
    expect(late.message['zh-CN']).toContain('超过变更之日起1个月内');
    expect(late.message.en).toContain('late');
  });

  it('clamps at February, leap year or not', () => {
    expect(changeApplicationVerdict('2027-01-31', '2027-02-28', v1).ok).toBe(true);
    expect(changeApplicationVerdict('2027-01-31', '2027-03-01', v1).ok).toBe(false);
    expect(changeApplicationVerdict('2028-01-31', '2028-02-29', v1).ok).toBe(true);
    expect(changeApplicationVerdict('2028-01-31', '2028-03-01', v1).ok).toBe(false);
  });
});

describe('date wording', () => {
  it('writes dates in Chinese and English', () => {
    expect(zhDate('2026-10-22')).toBe('2026年10月22日');
    expect(zhDate('2026-09-05')).toBe('2026年9月5日');
    expect(enDate('2026-10-22')).toBe('22 October 2026');
    expect(enDate('2027-01-01')).toBe('1 January 2027');
  });
});

describe('a year the administrator entered (issue 10)', () => {
  const notice = { title: '测试用2027年节假日安排（虚构）', number: '测试〔2026〕1号', issuedOn: '2026-11-01' };
  afterEach(() => setEnteredCalendar([]));

  it('counts a December deadline reaching into 2027 on weekends only until 2027 is entered', () => {
    expect(officialCalendarCovers('2027-01-01')).toBe(false);
    expect(rectificationDeadline('2026-12-15', v1)).toBe('2027-01-05');
    const v = filingVerdict('2026-12-15', null, '2026-12-15', v1);
    expect(v.calendars).toEqual([
      { year: 2026, source: 'builtIn', notice: null },
      { year: 2027, source: 'weekendsOnly', notice: null },
    ]);
  });

  it('takes the entered holidays and make-up days over weekends, and names the notice', () => {
    setEnteredCalendar([
      {
        year: 2027,
        notice,
        days: [
          { day: '2027-01-01', kind: 'holiday' },
          { day: '2027-01-02', kind: 'holiday' },
          { day: '2027-01-03', kind: 'holiday' },
          { day: '2027-01-09', kind: 'workday' },
        ],
      },
    ]);
    expect(officialCalendarCovers('2027-06-01')).toBe(true);
    expect(isWorkingDay('2027-01-01')).toBe(false); // Friday, 元旦
    expect(isWorkingDay('2027-01-09')).toBe(true); // Saturday, make-up
    expect(isWorkingDay('2027-01-16')).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2027-01-04')).toBe(true);
    expect(rectificationDeadline('2026-12-15', v1)).toBe('2027-01-06');
    // From 31 Dec: 4, 5, 6, 7, 8 Jan, the make-up Saturday 9 Jan, 11 … 15, 18 … 21 Jan.
    expect(addWorkingDays('2026-12-31', 15)).toBe('2027-01-21');
    const v = filingVerdict('2026-12-15', null, '2026-12-15', v1);
    expect(v.required).toBe('2027-01-06');
    expect(v.calendars?.[1]).toEqual({ year: 2027, source: 'entered', notice });
    expect(v.message['zh-CN']).toContain('2027年按《测试用2027年节假日安排（虚构）》（测试〔2026〕1号）');
    expect(v.message.en).toContain('2027 on the State Council notice');
  });

  it('takes an entered year over the built-in one', () => {
    setEnteredCalendar([{ year: 2026, notice, days: [{ day: '2026-10-12', kind: 'holiday' }] }]);
    expect(isWorkingDay('2026-10-12')).toBe(false); // entered
    expect(isWorkingDay('2026-10-01')).toBe(true); // a Thursday the entered year does not name
    expect(filingVerdict('2026-10-12', null, '2026-10-12', v1).calendars?.[0]?.source).toBe('entered');
  });
});
