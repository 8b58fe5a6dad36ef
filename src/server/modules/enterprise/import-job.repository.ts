import { and, eq } from 'drizzle-orm';
import type { TImportJob } from '../../../contracts/enterprise';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { importJobs } from '../../db/schema';
import { writeAudit } from '../../lib/audit';

export type ImportJobRow = typeof importJobs.$inferSelect;
export type RowError = TImportJob['errors'][number];
type Progress = Partial<Pick<ImportJobRow, 'total' | 'processed' | 'phase'>>;

/** The job row and its audit entry go together: starting an import is itself a state change. */
export async function createImportJob(
  ctx: RequestContext,
  job: { userId: number; fileName: string; size: number },
  at: Date,
): Promise<ImportJobRow> {
  const { userId, fileName, size } = job;
  return ctx.deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(importJobs)
      .values({
        kind: 'enterprises',
        userId,
        fileName,
        status: 'running',
        phase: 'checking',
        errors: [],
        createdAt: at,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditContext(ctx, at), {
      action: 'enterprise.import.started',
      objectType: 'enterprise_import',
      objectId: row.id,
      after: { fileName, size },
    });
    return row;
  });
}

/** A job by id; given `starterId`, only if that user started it. */
export async function findImportJob(db: Db, id: number, starterId?: number): Promise<ImportJobRow | undefined> {
  const [row] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), starterId === undefined ? undefined : eq(importJobs.userId, starterId)));
  return row;
}

/** What a polling client sees while the job runs: the data rows found, how many are checked, the phase. */
export async function updateImportJobProgress(db: Db, id: number, progress: Progress): Promise<void> {
  await db.update(importJobs).set(progress).where(eq(importJobs.id, id));
}

/** Called inside the transaction that writes the rows, so that the job succeeds exactly when they are written. */
export async function finishImportJobSucceeded(tx: Db, id: number, imported: number, at: Date): Promise<void> {
  await tx
    .update(importJobs)
    .set({ status: 'succeeded', phase: 'done', imported, finishedAt: at })
    .where(eq(importJobs.id, id));
}

export async function finishImportJobFailed(db: Db, id: number, errors: RowError[], at: Date): Promise<void> {
  await db
    .update(importJobs)
    .set({ status: 'failed', phase: 'done', errors, finishedAt: at })
    .where(eq(importJobs.id, id));
}
