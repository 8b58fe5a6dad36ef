import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../context';
import { attachments } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { findCentreInScope } from '../centre';

/** The bytes of an attachment, for those whose scope holds its centre; the key comes from the row, never the URL. */
export async function downloadAttachment(ctx: RequestContext, id: number) {
  const user = requireAction(ctx.user, 'centre.read');
  const [row] = await ctx.deps.db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
  const centre = row ? await findCentreInScope(ctx.deps.db, user, row.centreId) : undefined;
  if (!row || !centre) throw new AppError('NOT_FOUND', { id });
  const bytes = await ctx.deps.files.get(row.storageKey);
  return { bytes, fileName: row.fileName, contentType: row.contentType };
}
