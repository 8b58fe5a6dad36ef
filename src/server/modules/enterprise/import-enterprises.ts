import { ENTERPRISE_IMPORT_HEADERS, type TImportJob } from '../../../contracts/enterprise';
import { auditContext, type RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { loadExcelJS } from '../../lib/exceljs';
import { cleanFileName } from '../../lib/stored-file';
import { type CheckedRow, checkEnterpriseFile, fileKind, yieldToEventLoop } from './check-enterprise-file';
import { sayIn } from './check-enterprise-row';
import { keepImportJobAlive } from './fail-abandoned-imports';
import {
  createImportJob,
  dropStagedEnterpriseRows,
  findImportJob,
  finishImportJobFailed,
  finishImportJobSucceeded,
  ImportJobNotRunningError,
  type ImportJobRow,
  publishStagedEnterprises,
  STAGE_BATCH,
  stageEnterpriseRows,
  updateImportJobProgress,
} from './import-job.repository';

export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

function present({
  userId: _starter,
  locale: _locale,
  heartbeatAt: _beat,
  intakeId: _intake,
  kind: _kind,
  ...row
}: ImportJobRow): TImportJob {
  return {
    ...row,
    kind: 'enterprises',
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

export interface StartEnterpriseImportOptions {
  ctx: RequestContext;
  body: Buffer;
  contentType: string;
  /** The X-File-Name header as sent (URI-encoded). */
  fileName?: string;
}

/**
 * Accept a file and start its import in the background: the job is answered at once and the client polls it.
 * `done` settles when the job has finished; it rejects only on an unexpected failure, after recording the job as
 * failed, so the caller must catch it (an unhandled rejection would end the process).
 */
export async function startEnterpriseImport(
  opts: StartEnterpriseImportOptions,
): Promise<{ job: TImportJob; done: Promise<void> }> {
  const { ctx, body, contentType } = opts;
  const user = requireAction(ctx.user, 'enterprise.import');
  const kind = fileKind(contentType, body);
  const now = ctx.deps.clock();
  const fileName = cleanFileName(opts.fileName, kind);
  const row = await createImportJob(ctx, { userId: user.id, fileName, size: body.length }, now);
  // The request is answered before the work is done: the work keeps only what it needs, not the request.
  const background: RequestContext = {
    deps: ctx.deps,
    user: { ...user },
    ip: ctx.ip,
    requestId: ctx.requestId,
    locale: ctx.locale,
  };
  const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
    runEnterpriseImport(background, row.id, body, contentType),
  );
  return { job: present(row), done };
}

/** A job as its starter sees it; anyone else is told it does not exist. */
export async function getImportJob(ctx: RequestContext, id: number): Promise<TImportJob> {
  const user = requireAction(ctx.user, 'enterprise.import');
  const row = await findImportJob(ctx.deps.db, id, user.id);
  if (!row) throw new AppError('NOT_FOUND');
  return present(row);
}

/**
 * Import an enterprise file (SPEC §5, all rows or none): check every row, then stage them in short batches and make
 * them visible together in one transaction with one audit entry. A file with any bad row fails whole with a row-by-row report, and nothing is written.
 * Never throws for a bad file; an unexpected failure is recorded on the job first and then rethrown. While it runs,
 * the job's heartbeat is kept fresh, so that no instance's housekeeping takes it for abandoned.
 */
export async function runEnterpriseImport(
  ctx: RequestContext,
  jobId: number,
  body: Buffer,
  contentType: string,
): Promise<void> {
  const { db, clock } = ctx.deps;
  const say = sayIn(ctx.locale);
  const stopHeartbeat = keepImportJobAlive(ctx.deps, jobId);
  try {
    const job = await findImportJob(db, jobId);
    if (!job || !ctx.user) throw new Error(`import job ${jobId} not found`);
    const checked = await checkEnterpriseFile(ctx, ctx.user, jobId, body, contentType);
    if ('errors' in checked) return await finishImportJobFailed(db, jobId, checked.errors, clock());
    await writeRows(ctx, job, checked.rows);
  } catch (err) {
    // Failed as abandoned while this process was stalled past the stale limit: its verdict stands, nothing written.
    if (err instanceof ImportJobNotRunningError) return;
    const reason = say(
      `导入时发生内部错误，全部数据均未导入（请求编号 ${ctx.requestId}）`,
      `Internal error during the import; nothing was imported (request ${ctx.requestId})`,
    );
    await finishImportJobFailed(db, jobId, [{ row: 0, field: 'file', reason }], clock());
    throw err;
  } finally {
    stopHeartbeat();
  }
}

/**
 * Phase "writing" (docs/decisions/0020): the checked rows are staged in batches of STAGE_BATCH, each its own short
 * statement with the event loop yielded between them, so that other requests go on being answered (on PGlite one
 * query runs at a time and a transaction excludes every other query until it ends). Then one short transaction makes
 * them all visible at once with the job's success and its audit entry; the staged rows are removed after it, or
 * when anything fails, so that a failed job leaves nothing behind.
 */
async function writeRows(ctx: RequestContext, job: ImportJobRow, rows: CheckedRow[]): Promise<void> {
  const { db, clock } = ctx.deps;
  const say = sayIn(ctx.locale);
  await updateImportJobProgress(db, job.id, { phase: 'writing' });
  await yieldToEventLoop();
  try {
    for (let i = 0; i < rows.length; i += STAGE_BATCH) {
      await stageEnterpriseRows(db, job.id, rows.slice(i, i + STAGE_BATCH));
      await yieldToEventLoop();
    }
    const now = clock();
    await db.transaction(async (tx) => {
      // First, so that a job failed as abandoned meanwhile (its staged rows swept) publishes nothing.
      await finishImportJobSucceeded(tx, job.id, rows.length, now);
      // Where imported enterprises become visible to every reader (and where figures of enterprises would move).
      const added = await publishStagedEnterprises(tx, job.id, now);
      if (added !== rows.length) throw new Error(`import job ${job.id}: ${added} of ${rows.length} rows published`);
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'enterprise.imported',
        objectType: 'enterprise_import',
        objectId: job.id,
        after: { count: added, fileName: job.fileName },
      });
    });
  } catch (err) {
    // Registered by someone else after the check (a concurrent import or registration): the unique key refuses it.
    const cause = (err as { cause?: { code?: string; constraint?: string; detail?: string } } | null)?.cause;
    if (cause?.code !== '23505' || cause.constraint !== 'enterprises_credit_code_unique') throw err;
    const code = /\(credit_code\)=\(([^)]*)\)/.exec(cause.detail ?? '')?.[1] ?? '';
    const row = rows.find((r) => r.values.creditCode === code)?.row ?? 0;
    const reason = say(
      `统一社会信用代码 ${code} 在校验后已被登记，全部数据均未导入，请核对后重新导入`,
      `Credit code ${code} was registered after the check; nothing was imported, check the file and import it again`,
    );
    await finishImportJobFailed(db, job.id, [{ row, field: 'creditCode', reason }], clock());
  } finally {
    // Published or refused, the staged rows have served. Should this fail, the housekeeping sweeps them later
    // (failAbandonedImports); the job's own outcome must not be hidden by it.
    await dropStagedEnterpriseRows(db, job.id).catch(() => {});
  }
}

/**
 * Header only: a sample row would be imported by whoever forgot to delete it. The code and phone columns are text,
 * so that Excel keeps 18-digit codes and leading zeros as typed.
 */
export async function enterpriseImportTemplate(): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const workbook = new Excel.Workbook();
  workbook.creator = '湖北省对外贸易综合服务平台';
  const sheet = workbook.addWorksheet('外贸企业', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [24, 32, 16, 26, 12, 18, 26, 14, 16];
  sheet.columns = ENTERPRISE_IMPORT_HEADERS.map((header, i) => ({
    header,
    width: widths[i],
    style: [0, 2, 5].includes(i) ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
