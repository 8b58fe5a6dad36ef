import { and, eq } from 'drizzle-orm';
import type { TChecklistEntry, TEngagementDetail, TUpdateChecklistRequest } from '../../../contracts/engagement';
import { auditContext, type RequestContext } from '../../context';
import { engagements } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { requireOwnerFiles } from '../attachment/attachment-files';
import { refuseStep } from './engagement.machine';
import { getEngagementDetail } from './engagement.presenter';
import { invalidField } from './engagement-errors';
import { loadForWrite } from './load-engagement';

/**
 * Art. 10(一): the county confirms each condition with the evidence it relied on (text, and files uploaded to the
 * engagement as eligibility evidence). Entries not sent stay as they were; a confirmed entry needs evidence.
 */
export async function updateChecklist(
  ctx: RequestContext,
  id: number,
  input: TUpdateChecklistRequest,
): Promise<TEngagementDetail> {
  const { row, user, now } = await loadForWrite(ctx, id, 'engagement.manage', input.version);
  if (row.e.status === 'ended' || row.e.status === 'filed' || row.e.status === 'reported') {
    throw refuseStep(row.e.status, { 'zh-CN': '修改承办条件核查表', en: 'change the eligibility checklist' });
  }
  const items = new Set<string>();
  for (const [i, entry] of input.entries.entries()) {
    if (items.has(entry.item)) throw invalidField(`entries.${i}.item`, { 'zh-CN': '重复的条目', en: 'listed twice' });
    items.add(entry.item);
    if (entry.confirmed && !entry.evidence.trim())
      throw invalidField(`entries.${i}.evidence`, {
        'zh-CN': '确认符合的条件须注明核实依据',
        en: 'a confirmed condition needs its evidence',
      });
  }
  const fileIds = [...new Set(input.entries.flatMap((e) => e.attachmentIds ?? []))];
  const owner = { kind: 'engagement', centreId: row.e.centreId, engagementId: id } as const;
  await requireOwnerFiles(ctx.deps.db, owner, fileIds, 'attachmentIds');
  const at = now.toISOString();
  const checklist: TChecklistEntry[] = row.e.checklist.map((old) => {
    const next = input.entries.find((e) => e.item === old.item);
    if (!next) return old;
    const changed = next.confirmed !== old.confirmed || next.evidence !== old.evidence;
    return {
      item: old.item,
      confirmed: next.confirmed,
      evidence: next.evidence.trim(),
      attachmentIds: next.attachmentIds ?? [],
      confirmedBy: changed ? (next.confirmed ? user.displayName : null) : (old.confirmedBy ?? null),
      confirmedAt: changed ? (next.confirmed ? at : null) : (old.confirmedAt ?? null),
    };
  });
  await ctx.deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(engagements)
      .set({ checklist, version: input.version + 1, updatedAt: now })
      .where(and(eq(engagements.id, id), eq(engagements.version, input.version)))
      .returning({ id: engagements.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'engagement.checklist.updated',
      objectType: 'engagement',
      objectId: id,
      before: { checklist: row.e.checklist, version: row.e.version },
      after: { checklist, version: input.version + 1 },
    });
  });
  return getEngagementDetail(ctx, id);
}
