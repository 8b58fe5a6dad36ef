import type { TCalendarImportPreview } from '../../../contracts/calendar';
import { AppError } from '../../lib/errors';
import { type ArrangementDay, arrangementOf, arrangementWindow, daysBetween } from './arrangement';

/**
 * Reads a year's arrangement from an iCalendar file (RFC 5545), as the common Chinese holiday feeds publish it: one
 * VEVENT per holiday or per day, all-day (DTSTART;VALUE=DATE, DTEND exclusive), its SUMMARY marking days off with
 * 休 / 假 (放假, 假期) and make-up working days with 班 (上班, 补班). Pure; nothing is stored.
 */

interface IcsEvent {
  start: string;
  /** exclusive */
  end: string | null;
  summary: string;
}

/** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
function unfold(text: string): string[] {
  const out: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length > 0) out[out.length - 1] += line.slice(1);
    else out.push(line);
  }
  return out;
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
}

/** 20270101 or 20270101T000000(Z) → 2027-01-01; anything else → null. */
function icsDay(v: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(v.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day ? null : day;
}

export function parseIcsEvents(text: string): IcsEvent[] {
  const lines = unfold(text);
  if (!lines.some((l) => l.trim().toUpperCase() === 'BEGIN:VCALENDAR'))
    throw new AppError('UNSUPPORTED_FILE', { accepted: '.ics（iCalendar）' });
  const events: IcsEvent[] = [];
  let current: Partial<IcsEvent> | null = null;
  for (const line of lines) {
    const upper = line.trim().toUpperCase();
    if (upper === 'BEGIN:VEVENT') current = {};
    else if (upper === 'END:VEVENT') {
      if (current?.start)
        events.push({ start: current.start, end: current.end ?? null, summary: current.summary ?? '' });
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).split(';')[0]?.toUpperCase();
      const value = line.slice(colon + 1);
      if (name === 'DTSTART') current.start = icsDay(value) ?? undefined;
      else if (name === 'DTEND') current.end = icsDay(value);
      else if (name === 'SUMMARY') current.summary = unescapeText(value).trim();
    }
  }
  return events;
}

const WORKDAY_MARK = /班/;
const DAY_OFF_MARK = /[休假]/;
/** The markers and counters the feeds add around the holiday's name: （休）, 放假, 假期 第1天/共3天, 补班 … */
const NOISE =
  /[（(【[]?\s*(调休|补班|上班|放假|假期|休假|休息|休|班|假)\s*[）)】\]]?|第\s*\d+\s*天\s*[/／]\s*共\s*\d+\s*天|[（(]\s*[）)]/g;

function holidayName(summary: string): string | null {
  const name = summary
    .replace(NOISE, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,，、;；:：-]+|[\s,，、;；:：-]+$/g, '');
  return name.length > 0 ? name.slice(0, 40) : null;
}

/**
 * The days of `year` the file names, grouped into the notice's shape. Events of other years are left out; events of
 * the year marked neither way are listed as ignored. A file with nothing for the year is refused.
 */
export function previewIcs(year: number, text: string): TCalendarImportPreview {
  const events = parseIcsEvents(text);
  const window = arrangementWindow(year);
  const days = new Map<string, ArrangementDay>();
  const ignored: string[] = [];
  for (const e of events) {
    const lastDay = e.end && e.end > e.start ? dayBefore(e.end) : e.start;
    const inYear = daysBetween(e.start, lastDay).filter(
      (d) => d.startsWith(`${year}-`) || (d >= window.from && d <= window.to && /元旦/.test(e.summary)),
    );
    if (inYear.length === 0) continue;
    const kind = WORKDAY_MARK.test(e.summary) ? 'workday' : DAY_OFF_MARK.test(e.summary) ? 'holiday' : null;
    if (!kind) {
      ignored.push(`${e.start} ${e.summary}`);
      continue;
    }
    for (const day of inYear) days.set(day, { day, kind, name: holidayName(e.summary) });
  }
  if (days.size === 0) throw new AppError('CALENDAR_IMPORT_EMPTY', { year, events: events.length });
  const { holidays, workdays } = arrangementOf([...days.values()]);
  return { year, holidays: holidays.map((h) => ({ ...h, name: h.name || '节假日' })), workdays, ignored };
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
