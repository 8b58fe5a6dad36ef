import { auditContext, type Deps, systemContext } from '../../context';
import { writeAudit } from '../../lib/audit';
import { sayIn } from './check-enterprise-row';
import {
  dropStagedRowsOfFinishedJobs,
  failAbandonedImportJob,
  findAbandonedImportJobs,
  touchImportJob,
} from './import-job.repository';

/** How often a running import job says it is alive. */
export const IMPORT_HEARTBEAT_MS = 5_000;
/**
 * A running job silent for this long lost its process. Far above the heartbeat, because a long synchronous step
 * (parsing a large workbook) or a slow transaction can hold a heartbeat back for tens of seconds while the process
 * is very much alive, and another instance must not fail its job meanwhile.
 */
export const IMPORT_STALE_MS = 2 * 60_000;

/**
 * Keep a running job's heartbeat fresh until `stop` is called. A failed heartbeat is only a missed beat: the next
 * one tries again, and the job itself goes on.
 */
export function keepImportJobAlive(deps: Deps, jobId: number): () => void {
  const timer = setInterval(() => {
    touchImportJob(deps.db, jobId, deps.clock()).catch(() => {});
  }, IMPORT_HEARTBEAT_MS);
  // A beat must never keep a stopping process alive.
  timer.unref();
  return () => clearInterval(timer);
}

export interface FailAbandonedImportsOptions {
  /**
   * Every running job is abandoned, whatever its heartbeat: true at the start of a PGlite server, whose data folder
   * is locked to one process, so that nothing else can be running a job in it.
   */
  everyRunning?: boolean;
}

/**
 * Fail the import jobs whose process is gone (killed, crashed, the machine restarted): otherwise they would stay
 * "running" for ever and their starters' pages would poll them for ever. Jobs make their rows visible in one
 * transaction with their success, so an abandoned job published nothing: failing it and removing what it had staged
 * is the whole repair. Each failure is audited with the platform as its actor. Safe on every instance at once: the update re-checks status and heartbeat.
 * Answers how many jobs were failed.
 */
export async function failAbandonedImports(deps: Deps, opts: FailAbandonedImportsOptions = {}): Promise<number> {
  const now = deps.clock();
  const staleBefore = opts.everyRunning ? null : new Date(now.getTime() - IMPORT_STALE_MS);
  const ctx = systemContext(deps);
  let failed = 0;
  for (const job of await findAbandonedImportJobs(deps.db, staleBefore)) {
    const say = sayIn(job.locale);
    const reason = say(
      '导入因服务重启中断，请重新上传',
      'The import was interrupted by a server restart; upload the file again',
    );
    const done = await deps.db.transaction(async (tx) => {
      const row = await failAbandonedImportJob(tx, job.id, staleBefore, [{ row: 0, field: 'file', reason }], now);
      if (!row) return false;
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'enterprise.import.abandoned',
        objectType: 'enterprise_import',
        objectId: job.id,
        before: { status: job.status, phase: job.phase, heartbeatAt: job.heartbeatAt.toISOString() },
        after: { status: 'failed', fileName: job.fileName },
      });
      return true;
    });
    if (done) failed++;
  }
  // Staged rows are working data of a running job, never seen by anyone (docs/decisions/0020): those of every job
  // no longer running go, whether it was failed just now or its process stopped before cleaning up after itself.
  await dropStagedRowsOfFinishedJobs(deps.db);
  return failed;
}
