import type { TCalendarImportPreview } from '../../../contracts/calendar';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { previewIcs } from './ics';

/** The administrator's .ics file read for one year: what would be entered. Nothing is stored until the form is saved. */
export function previewCalendarImport(ctx: RequestContext, year: number, ics: string): TCalendarImportPreview {
  requireAction(ctx.user, 'calendar.manage');
  return previewIcs(year, ics);
}
