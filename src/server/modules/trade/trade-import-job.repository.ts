import { and, eq } from 'drizzle-orm';
import type { TTradeIssue } from '../../../contracts/trade';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { importJobs, tradeIntakes } from '../../db/schema';
import { writeAudit } from '../../lib/audit';

export type TradeImportJobRow = typeof importJobs.$inferSelect;

/** A declaration file's job (import_jobs kind 'trade') and its audit entry, together. */
export async function createTradeImportJob(
  ctx: RequestContext,
  job: { userId: number; fileName: string; size: number },
  at: Date,
): Promise<TradeImportJobRow> {
  return ctx.deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(importJobs)
      .values({
        kind: 'trade',
        userId: job.userId,
        fileName: job.fileName,
        status: 'running',
        phase: 'checking',
        errors: [],
        locale: ctx.locale,
        createdAt: at,
        heartbeatAt: at,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditContext(ctx, at), {
      action: 'trade.import.started',
      objectType: 'tradeImport',
      objectId: row.id,
      after: { fileName: job.fileName, size: job.size },
    });
    return row;
  });
}

/** A trade job by id, for the user who started it only. */
export async function findTradeImportJob(db: Db, id: number, starterId: number) {
  const [row] = await db
    .select({ job: importJobs, result: tradeIntakes.result })
    .from(importJobs)
    .leftJoin(tradeIntakes, eq(tradeIntakes.id, importJobs.intakeId))
    .where(and(eq(importJobs.id, id), eq(importJobs.kind, 'trade'), eq(importJobs.userId, starterId)));
  return row;
}

export async function updateTradeImportProgress(
  db: Db,
  id: number,
  progress: Partial<Pick<TradeImportJobRow, 'total' | 'processed' | 'phase'>>,
): Promise<void> {
  await db
    .update(importJobs)
    .set(progress)
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')));
}

/** The job ends with its intake's outcome (a file refused before any intake has only its report). */
export async function finishTradeImportJob(
  db: Db,
  id: number,
  outcome: { status: 'succeeded' | 'failed'; imported: number; intakeId: number | null; issues: TTradeIssue[] },
  at: Date,
): Promise<void> {
  await db
    .update(importJobs)
    .set({
      status: outcome.status,
      phase: 'done',
      imported: outcome.imported,
      intakeId: outcome.intakeId,
      errors: outcome.issues.slice(0, 1000).map((i) => ({
        row: i.row ?? 0,
        field: i.column ?? i.field,
        reason: i.reason,
      })),
      finishedAt: at,
    })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')));
}
