import type { TTradeIssue, TTradeSource } from '../../../contracts/trade';
import { TRADE_FILE_COLUMNS, TRADE_FILE_MAX_ROWS, type TTradeImportJob } from '../../../contracts/trade-intake';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { readSheet, SheetLimitError, SheetUnreadableError, sheetLimitRowError } from '../../lib/sheet-reader';
import { cleanFileName } from '../../lib/stored-file';
import { fileKind, IMPORT_MAX_CELL_CHARS, yieldToEventLoop } from '../enterprise/check-enterprise-file';
import { keepImportJobAlive } from '../enterprise/fail-abandoned-imports';
import { fastCsvIntake } from './fast-intake';
import { ingestDeclarations, recordFailedIntake } from './ingest-declarations';
import { locateIssues, readDeclarationFile } from './read-declaration-file';
import {
  createTradeImportJob,
  findTradeImportJob,
  finishTradeImportJob,
  type TradeImportJobRow,
  updateTradeImportProgress,
} from './trade-import-job.repository';

/** A million commodity lines as CSV is ~150 MB; as .xlsx far less. */
export const TRADE_IMPORT_BODY_LIMIT = 200 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

/** Who reports: the enterprise itself, the centre for those it served, the county for its own (Art. 5(十三)). */
export function sourceOf(user: SessionUser): TTradeSource {
  return user.role === 'operator' ? 'centre' : user.role === 'county' ? 'county' : 'enterprise';
}

function present(row: TradeImportJobRow, result: unknown): TTradeImportJob {
  const intake = (result ?? null) as TTradeImportJob['intake'];
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    phase: row.phase,
    total: row.total,
    processed: row.processed,
    imported: row.imported,
    intake,
    issues: intake?.issues.length
      ? intake.issues
      : row.errors.map((e) => ({ index: -1, row: e.row, column: e.field, field: e.field, reason: e.reason })),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

export interface StartTradeImportOptions {
  ctx: RequestContext;
  body: Buffer;
  contentType: string;
  fileName?: string;
}

/**
 * Accept a declaration file and take it in in the background; the client polls the job for its progress and
 * report. `done` settles when the job ends and rejects only on an unexpected failure (recorded on the job first).
 */
export async function startTradeImport(
  opts: StartTradeImportOptions,
): Promise<{ job: TTradeImportJob; done: Promise<void> }> {
  const { ctx, body, contentType } = opts;
  const user = requireAction(ctx.user, 'trade.import');
  const kind = fileKind(contentType, body);
  const now = ctx.deps.clock();
  const fileName = cleanFileName(opts.fileName, kind);
  const row = await createTradeImportJob(ctx, { userId: user.id, fileName, size: body.length }, now);
  const background: RequestContext = { ...ctx, user: { ...user } };
  const done = yieldToEventLoop().then(() => runTradeImport(background, row, body, kind));
  return { job: present(row, null), done };
}

export async function getTradeImportJob(ctx: RequestContext, id: number): Promise<TTradeImportJob> {
  const user = requireAction(ctx.user, 'trade.import');
  const found = await findTradeImportJob(ctx.deps.db, id, user.id);
  if (!found) throw new AppError('NOT_FOUND');
  return present(found.job, found.result);
}

/**
 * Read the whole file, group its rows into declarations, and hand them to the one intake path: checked whole and
 * written whole or not at all, each issue named by the file's row and column. Never throws for a bad file.
 */
export async function runTradeImport(
  ctx: RequestContext,
  job: TradeImportJobRow,
  body: Buffer,
  kind: 'xlsx' | 'csv',
): Promise<void> {
  const { db, clock } = ctx.deps;
  const user = ctx.user as SessionUser;
  const stopHeartbeat = keepImportJobAlive(ctx.deps, job.id);
  const intakeRow = {
    source: sourceOf(user),
    channel: 'file' as const,
    userId: user.id,
    fileName: job.fileName,
    createdAt: clock(),
    finishedAt: clock(),
  };
  const fail = async (issues: TTradeIssue[]) => {
    const r = await recordFailedIntake(ctx, intakeRow, issues);
    await finishTradeImportJob(db, job.id, { status: 'failed', imported: 0, intakeId: r.intakeId, issues }, clock());
  };
  try {
    // PostgreSQL: a plain CSV goes by COPY and set-based checks (decision 0028); what that path cannot prove clean
    // comes back here, where the one JavaScript path reports it row by row (or takes it in).
    if (kind === 'csv' && ctx.deps.dbKind === 'postgres') {
      const fast = await fastCsvIntake({
        ctx,
        jobId: job.id,
        body,
        fileName: job.fileName,
        source: intakeRow.source,
        onPhase: (p) => updateTradeImportProgress(db, job.id, p),
      });
      if (fast.kind === 'done') {
        const r = fast.result;
        await finishTradeImportJob(
          db,
          job.id,
          { status: r.status, imported: r.declarations, intakeId: r.intakeId, issues: r.issues },
          clock(),
        );
        return;
      }
    }
    let sheet: Awaited<ReturnType<typeof readSheet>>;
    try {
      sheet = await readSheet(body, kind, {
        maxDataRows: TRADE_FILE_MAX_ROWS,
        width: TRADE_FILE_COLUMNS.length + 8,
        maxBytes: MAX_UNPACKED_BYTES,
        maxCellChars: IMPORT_MAX_CELL_CHARS,
      });
    } catch (err) {
      const say = (zh: string, en: string) => (ctx.locale === 'en' ? en : zh);
      if (err instanceof SheetLimitError) return await fail([{ index: -1, ...sheetLimitRowError(err, say) }]);
      if (err instanceof SheetUnreadableError || err instanceof AppError)
        return await fail([
          {
            index: -1,
            row: 0,
            field: 'file',
            reason: say(
              '无法读取文件，请上传 .xlsx 或 .csv 文件',
              'Cannot read the file; upload an .xlsx or .csv file',
            ),
          },
        ]);
      throw err;
    }
    const dataRows = Math.max(sheet.length - 1, 0);
    await updateTradeImportProgress(db, job.id, { total: dataRows });
    await yieldToEventLoop();
    const file = readDeclarationFile(sheet, ctx.locale);
    if (dataRows === 0 && file.issues.length === 0)
      file.issues.push({
        index: -1,
        row: 0,
        field: 'file',
        reason: ctx.locale === 'en' ? 'The file has no data rows' : '文件中没有数据行',
      });
    if (file.issues.length) {
      const located = locateIssues(file, file.issues).sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      return await fail(located);
    }
    // Progress in file rows: the rows of the declarations checked so far.
    const rowsBefore: number[] = [0];
    for (const rows of file.rows) rowsBefore.push((rowsBefore.at(-1) ?? 0) + rows.length);
    const r = await ingestDeclarations(ctx, {
      onProgress: (checked) =>
        updateTradeImportProgress(db, job.id, {
          processed: rowsBefore[checked] ?? 0,
          // All checked: what follows is the write (a refused file ends right after).
          ...(checked === file.declarations.length ? { phase: 'writing' as const } : {}),
        }),
      source: intakeRow.source,
      channel: 'file',
      fileName: job.fileName,
      declarations: file.declarations,
      locate: (issues) => locateIssues(file, issues).sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    });
    await finishTradeImportJob(
      db,
      job.id,
      { status: r.status, imported: r.declarations, intakeId: r.intakeId, issues: r.issues },
      clock(),
    );
  } catch (err) {
    const reason =
      err instanceof AppError && err.code === 'TRADE_DECLARATION_CONFLICT'
        ? ctx.locale === 'en'
          ? 'A declaration of this file was just taken in by another intake with different content; nothing was imported'
          : '本文件中的报关单刚由另一次报送登记且内容不同，全部数据均未导入'
        : ctx.locale === 'en'
          ? `Internal error during the import; nothing was imported (request ${ctx.requestId})`
          : `导入时发生内部错误，全部数据均未导入（请求编号 ${ctx.requestId}）`;
    await finishTradeImportJob(
      db,
      job.id,
      { status: 'failed', imported: 0, intakeId: null, issues: [{ index: -1, row: 0, field: 'file', reason }] },
      clock(),
    );
    if (!(err instanceof AppError)) throw err;
  } finally {
    stopHeartbeat();
  }
}
