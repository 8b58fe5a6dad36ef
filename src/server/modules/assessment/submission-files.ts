import { SUBMISSION_STATUS_NAMES } from '../../../contracts/assessment';
import type { TStoredFile } from '../../../contracts/attachment';
import type { RequestContext } from '../../context';
import { invalidTransition } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { readAttachment, storeAttachment, toStoredFile } from '../attachment/attachment-files';
import { loadSubmissionFor, requireCycleOpen } from './load-submission';
import { isEditable, requireSubmissionOpen } from './submission-rules';

/**
 * Evidence of a submission (Art. 12(二)(2)): the operator adds files while the material is its to change and the
 * deadline has not passed; the file goes the way every file does (type from the bytes, one transaction with audit).
 */
export async function uploadSubmissionFile(
  ctx: RequestContext,
  id: number,
  body: Buffer,
  rawFileName: string | undefined,
): Promise<TStoredFile> {
  const { user, row, cycle } = await loadSubmissionFor(ctx, id, 'assessment.submit');
  requireCycleOpen(cycle);
  const s = row.s;
  if (!isEditable(s.status))
    throw invalidTransition(s.status, SUBMISSION_STATUS_NAMES[s.status], {
      'zh-CN': '上传佐证材料',
      en: 'attach evidence',
    });
  requireSubmissionOpen(s, cycle, beijingDay(ctx.deps.clock()));
  const owner = { kind: 'assessment_submission', centreId: s.centreId, submissionId: id } as const;
  return toStoredFile(await storeAttachment(ctx, user, owner, body, rawFileName));
}

/** A submission's file, for whoever may see the submission; an id of another owner's file is not found. */
export async function downloadSubmissionFile(ctx: RequestContext, id: number, attachmentId: number) {
  const { row } = await loadSubmissionFor(ctx, id, 'assessment.read');
  return readAttachment(
    ctx,
    { kind: 'assessment_submission', centreId: row.s.centreId, submissionId: id },
    attachmentId,
  );
}
