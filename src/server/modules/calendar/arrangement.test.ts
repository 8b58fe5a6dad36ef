import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { arrangementDays, arrangementOf } from './arrangement';
import { previewIcs } from './ics';

const fixture = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../../test/fixtures/holidays-2027-invented.ics'),
  'utf8',
);

function refusal(f: () => unknown): { code: string; field: unknown; reason: unknown } {
  try {
    f();
  } catch (err) {
    if (err instanceof AppError)
      return { code: err.code, field: err.details.field, reason: err.details['reason_zh-CN'] };
    throw err;
  }
  throw new Error('not refused');
}

describe('a year’s arrangement (issue 10)', () => {
  const holidays = [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-12' },
  ];

  it('lists every day, and gives the ranges back', () => {
    const days = arrangementDays(2027, holidays, [{ day: '2027-02-20', name: '春节' }]);
    expect(days).toHaveLength(11);
    expect(arrangementOf(days)).toEqual({ holidays, workdays: [{ day: '2027-02-20', name: '春节' }] });
  });

  it('allows a New Year break or make-up day in December of the year before', () => {
    const days = arrangementDays(
      2027,
      [{ name: '元旦', from: '2026-12-31', to: '2027-01-02' }],
      [{ day: '2026-12-26', name: '元旦' }],
    );
    expect(days.map((d) => d.day)).toEqual(['2026-12-26', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it.each([
    [
      'overlapping holidays',
      [...holidays, { name: '另一假日', from: '2027-02-12', to: '2027-02-13' }],
      [],
      'holidays[2]',
      '重叠',
    ],
    [
      'a range ending before it starts',
      [{ name: '元旦', from: '2027-01-03', to: '2027-01-01' }],
      [],
      'holidays[0]',
      '结束日早于开始日',
    ],
    [
      'a day outside the year',
      [{ name: '国庆节', from: '2028-10-01', to: '2028-10-07' }],
      [],
      'holidays[0]',
      '不在 2027 年内',
    ],
    [
      'a day both off and working',
      holidays,
      [{ day: '2027-02-06', name: null }],
      'workdays[0]',
      '既是“春节”的放假日，又是调休上班日',
    ],
    ['a make-up day on a weekday', holidays, [{ day: '2027-02-15', name: null }], 'workdays[0]', '不是周六或周日'],
    [
      'a make-up day twice',
      holidays,
      [
        { day: '2027-02-20', name: null },
        { day: '2027-02-20', name: null },
      ],
      'workdays[1]',
      '重复',
    ],
  ])('refuses %s, naming the field', (_name, h, w, field, reason) => {
    const r = refusal(() => arrangementDays(2027, h, w));
    expect(r).toMatchObject({ code: 'CALENDAR_INVALID', field });
    expect(r.reason).toContain(reason);
  });
});

describe('.ics import (issue 10)', () => {
  it('reads days off (休, 假期) and make-up working days (班), for the year asked only', () => {
    const p = previewIcs(2027, fixture);
    expect(p.holidays).toEqual([
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-06', to: '2027-02-07' },
    ]);
    expect(p.workdays).toEqual([
      { day: '2027-01-09', name: '元旦' },
      { day: '2027-02-20', name: '春节' },
    ]);
    expect(p.ignored).toEqual(['2027-03-08 妇女节']);
  });

  it('refuses a file with nothing for the year, and a file that is not a calendar', () => {
    expect(refusal(() => previewIcs(2028, fixture)).code).toBe('CALENDAR_IMPORT_EMPTY');
    expect(refusal(() => previewIcs(2027, 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n')).code).toBe('CALENDAR_IMPORT_EMPTY');
    expect(refusal(() => previewIcs(2027, 'name,date\n元旦,2027-01-01\n')).code).toBe('UNSUPPORTED_FILE');
  });

  it('unfolds long lines and unescapes the summary', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270501',
      'DTEND;VALUE=DATE:20270504',
      'SUMMARY:劳动节\\, 放',
      ' 假',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(previewIcs(2027, ics).holidays).toEqual([{ name: '劳动节', from: '2027-05-01', to: '2027-05-03' }]);
  });
});
