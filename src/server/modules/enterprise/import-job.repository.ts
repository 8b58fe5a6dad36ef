import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import type { TImportJob } from '../../../contracts/enterprise';
import { auditContext, type RequestContext } from '../../context';
import { type Db, rowsOf } from '../../db/client';
import { enterpriseImportRows, enterprises, importJobs } from '../../db/schema';
import { writeAudit } from '../../lib/audit';
import type { NewEnterprise } from './check-enterprise-row';

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
        locale: ctx.locale,
        createdAt: at,
        heartbeatAt: at,
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
    .where(
      and(
        eq(importJobs.id, id),
        eq(importJobs.kind, 'enterprises'),
        starterId === undefined ? undefined : eq(importJobs.userId, starterId),
      ),
    );
  return row;
}

/**
 * What a polling client sees while the job runs: the data rows found, how many are checked, the phase. A job
 * failed meanwhile (abandoned) keeps the figures it had.
 */
export async function updateImportJobProgress(db: Db, id: number, progress: Progress): Promise<void> {
  await db
    .update(importJobs)
    .set(progress)
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')));
}

/** The running job's sign of life (its process is still at it); a finished job is left as it is. */
export async function touchImportJob(db: Db, id: number, at: Date): Promise<void> {
  await db
    .update(importJobs)
    .set({ heartbeatAt: at })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')));
}

/** The job was failed by the housekeeping meanwhile (its heartbeat went stale): its rows must not be written. */
export class ImportJobNotRunningError extends Error {
  constructor(readonly jobId: number) {
    super(`import job ${jobId} is no longer running`);
    this.name = 'ImportJobNotRunningError';
  }
}

/**
 * Called inside the transaction that writes the rows, so that the job succeeds exactly when they are written; a
 * job no longer running (failed as abandoned meanwhile) throws, which rolls the rows back.
 */
export async function finishImportJobSucceeded(tx: Db, id: number, imported: number, at: Date): Promise<void> {
  const done = await tx
    .update(importJobs)
    .set({ status: 'succeeded', phase: 'done', imported, finishedAt: at })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')))
    .returning({ id: importJobs.id });
  if (done.length === 0) throw new ImportJobNotRunningError(id);
}

/** A running job fails with its report; one already finished keeps the verdict it has. */
export async function finishImportJobFailed(db: Db, id: number, errors: RowError[], at: Date): Promise<void> {
  await db
    .update(importJobs)
    .set({ status: 'failed', phase: 'done', errors, finishedAt: at })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')));
}

/** Running jobs whose last heartbeat is older than `staleBefore` (null: every running job), oldest first. */
export async function findAbandonedImportJobs(db: Db, staleBefore: Date | null): Promise<ImportJobRow[]> {
  return db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.status, 'running'), staleBefore ? lt(importJobs.heartbeatAt, staleBefore) : undefined))
    .orderBy(asc(importJobs.id));
}

/**
 * Fail one abandoned job, if it is still running with a stale heartbeat: the condition is checked again by the
 * update itself, so that a heartbeat or a finish that came meanwhile wins, and two instances sweeping at once fail
 * it once. Answers the failed job, or undefined when it was not failed here.
 */
export async function failAbandonedImportJob(
  tx: Db,
  id: number,
  staleBefore: Date | null,
  errors: RowError[],
  at: Date,
): Promise<ImportJobRow | undefined> {
  const [row] = await tx
    .update(importJobs)
    .set({ status: 'failed', phase: 'done', errors, finishedAt: at })
    .where(
      and(
        eq(importJobs.id, id),
        eq(importJobs.status, 'running'),
        staleBefore ? lt(importJobs.heartbeatAt, staleBefore) : undefined,
      ),
    )
    .returning();
  return row;
}

/** Rows staged in one short statement: ~13 parameters a row stay far below PostgreSQL's 65,535. */
export const STAGE_BATCH = 500;

/** Stage checked rows of a running job; nobody reads them until `publishStagedEnterprises`. */
export async function stageEnterpriseRows(
  db: Db,
  jobId: number,
  rows: { row: number; values: NewEnterprise }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(enterpriseImportRows).values(
    rows.map(({ row, values: v }) => ({
      jobId,
      row,
      creditCode: v.creditCode,
      name: v.name,
      countyCode: v.countyCode,
      cityCode: v.cityCode,
      parkId: v.parkId ?? null,
      contactPerson: v.contactPerson,
      contactPhone: v.contactPhone,
      contactEmail: v.contactEmail ?? null,
      hasTradeRecord: v.hasTradeRecord ?? false,
      firstTradeOn: v.firstTradeOn ?? null,
    })),
  );
}

/**
 * The moment a job's enterprises become visible: one insert … select of its staged rows, in file order, called in
 * the transaction that records the job's success. Every imported enterprise is approved at once (SPEC §5: an import
 * is made by the county or centre that would otherwise review each one), with the platform's `import` source.
 * Answers how many enterprises were added.
 */
export async function publishStagedEnterprises(tx: Db, jobId: number, at: Date): Promise<number> {
  const added = await tx.execute(sql`
    insert into ${enterprises} (credit_code, name, county_code, city_code, park_id, contact_person, contact_phone,
      contact_email, has_trade_record, first_trade_on, status, source, is_demo, created_at, updated_at)
    select credit_code, name, county_code, city_code, park_id, contact_person, contact_phone, contact_email,
      has_trade_record, first_trade_on, 'approved', 'import', false, ${at}, ${at}
    from ${enterpriseImportRows} where job_id = ${jobId} order by row`);
  // node-postgres answers rowCount, PGlite affectedRows.
  const r = added as unknown as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

/** Remove a job's staged rows (published or abandoned), a few thousand rows a statement so that none runs long. */
export async function dropStagedEnterpriseRows(db: Db, jobId: number): Promise<void> {
  for (;;) {
    const gone = await db.execute(sql`
      delete from ${enterpriseImportRows} where job_id = ${jobId}
        and row in (select row from ${enterpriseImportRows} where job_id = ${jobId} order by row limit 5000)
      returning 1`);
    if (rowsOf(gone).length < 5000) return;
    // PGlite answers within the same turn of the event loop: let waiting requests in between.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Staged rows left by jobs no longer running (a process stopped between the publication and the clean-up). */
export async function dropStagedRowsOfFinishedJobs(db: Db): Promise<void> {
  const left = await db
    .selectDistinct({ jobId: enterpriseImportRows.jobId })
    .from(enterpriseImportRows)
    .innerJoin(importJobs, eq(importJobs.id, enterpriseImportRows.jobId))
    .where(ne(importJobs.status, 'running'));
  for (const { jobId } of left) await dropStagedEnterpriseRows(db, jobId);
}
