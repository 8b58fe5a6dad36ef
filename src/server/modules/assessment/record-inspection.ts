import type { TInspectionRequest } from '../../../contracts/assessment-evaluation';
import type { TStoredFile } from '../../../contracts/attachment';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { assessmentInspections } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { readAttachment, storeAttachment, toStoredFile } from '../attachment/attachment-files';
import { findInspection } from './evaluation.repository';
import {
  loadSubmission,
  notInEvaluation,
  requireCycleOpen,
  STEP_LABELS,
  writeSubmissionEvent,
} from './evaluation-steps';

/** Inspections are recorded while the agency evaluates: assigned, or sent back for rescoring. */
const INSPECTABLE = ['assigned', 'sent_back'] as const;

/**
 * 实地考察 (Art. 12(二)(3)): the evaluator of the assigned agency records the day, the people met and the findings.
 * The day cannot lie in the future of the platform's clock. Its row, an event on the submission's timeline and the
 * audit entry go in one transaction.
 */
export async function recordInspection(ctx: RequestContext, submissionId: number, input: TInspectionRequest) {
  const { row } = await loadSubmission(ctx, submissionId);
  const user = requireAction(ctx.user, 'assessment.score');
  requireCycleOpen(row.cycle);
  if (!(INSPECTABLE as readonly string[]).includes(row.s.status))
    throw notInEvaluation(row.s.status, STEP_LABELS.inspect);
  const now = ctx.deps.clock();
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (input.inspectedOn > today)
    throw invalidField('inspectedOn', {
      'zh-CN': '考察日期不能晚于今天',
      en: 'the inspection day cannot be in the future',
    });
  return ctx.deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(assessmentInspections)
      .values({
        submissionId,
        centreId: row.s.centreId,
        inspectedOn: input.inspectedOn,
        peopleMet: input.peopleMet,
        findings: input.findings,
        recordedBy: user.id === SYSTEM_USER_ID ? null : user.id,
        createdAt: now,
      })
      .returning();
    if (!created) throw new Error('insert returned nothing');
    await writeSubmissionEvent(tx, user, {
      submissionId,
      action: 'inspect',
      from: row.s.status,
      to: row.s.status,
      reason: `${Number(input.inspectedOn.slice(0, 4))}年${Number(input.inspectedOn.slice(5, 7))}月${Number(input.inspectedOn.slice(8, 10))}日实地考察`,
      at: now,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.inspection.recorded',
      objectType: 'assessment_inspection',
      objectId: created.id,
      after: created,
    });
    return { id: created.id };
  });
}

/** Photos of an inspection, uploaded by the evaluator while the agency evaluates; the file goes the way every file does. */
export async function uploadInspectionPhoto(
  ctx: RequestContext,
  submissionId: number,
  inspectionId: number,
  body: Buffer,
  rawFileName: string | undefined,
): Promise<TStoredFile> {
  const { row } = await loadSubmission(ctx, submissionId);
  const inspection = await findInspection(ctx.deps.db, submissionId, inspectionId);
  if (!inspection) throw new AppError('NOT_FOUND', { id: inspectionId });
  const user = requireAction(ctx.user, 'assessment.score');
  requireCycleOpen(row.cycle);
  if (!(INSPECTABLE as readonly string[]).includes(row.s.status))
    throw notInEvaluation(row.s.status, STEP_LABELS.inspect);
  const owner = { kind: 'assessment_inspection', centreId: row.s.centreId, inspectionId } as const;
  return toStoredFile(await storeAttachment(ctx, user, owner, body, rawFileName));
}

/** The bytes of an inspection photo, for whoever may read the evaluation (see getEvaluation). */
export async function downloadInspectionPhoto(
  ctx: RequestContext,
  submissionId: number,
  inspectionId: number,
  attachmentId: number,
  mayRead: (row: Awaited<ReturnType<typeof loadSubmission>>['row']) => boolean,
) {
  const { row } = await loadSubmission(ctx, submissionId);
  requireAction(ctx.user, 'assessment.read');
  if (!mayRead(row)) throw new AppError('NOT_FOUND', { id: attachmentId });
  const inspection = await findInspection(ctx.deps.db, submissionId, inspectionId);
  if (!inspection) throw new AppError('NOT_FOUND', { id: inspectionId });
  return readAttachment(ctx, { kind: 'assessment_inspection', centreId: row.s.centreId, inspectionId }, attachmentId);
}
