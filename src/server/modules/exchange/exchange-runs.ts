import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import {
  type TExchangeIssue,
  type TExchangeRun,
  type TOutboundRequest,
  ZOutboundRequest,
} from '../../../contracts/exchange';
import type { RequestContext } from '../../context';
import { centres, exchangeFiles, exchangeRuns } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { exchangeRunScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { readExchangeFile } from './exchange-files';
import { runInbound, runOutbound } from './run-exchange';

/*
 * 数据对接记录: the log of runs in the caller's scope (the province all, a county its county's, a centre its own), one
 * run, its input and output for download, and a re-run. A run outside the scope does not exist for the caller (404).
 */

const inputFile = sql<string | null>`(select file_name from ${exchangeFiles} where id = ${exchangeRuns.inputFileId})`;
const outputFile = sql<string | null>`(select file_name from ${exchangeFiles} where id = ${exchangeRuns.outputFileId})`;

function selectRuns(ctx: RequestContext) {
  return ctx.deps.db
    .select({
      r: exchangeRuns,
      centreName: centres.name,
      inputFileName: inputFile,
      outputFileName: outputFile,
    })
    .from(exchangeRuns)
    .leftJoin(centres, eq(centres.id, exchangeRuns.centreId));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectRuns>['execute']>>[number];

function present(x: Row): TExchangeRun {
  const r = x.r;
  return {
    id: r.id,
    system: r.system,
    direction: r.direction,
    kind: r.kind,
    formatVersion: r.formatVersion,
    status: r.status,
    actorName: r.actorName,
    centreId: r.centreId,
    centreName: x.centreName ?? null,
    inputFileName: x.inputFileName,
    outputFileName: x.outputFileName,
    messageId: r.messageId ?? ((r.summary as Record<string, unknown>)?.messageId as string | undefined) ?? null,
    summary: (r.summary ?? {}) as TExchangeRun['summary'],
    issues: (r.issues ?? []) as TExchangeIssue[],
    rerunOf: r.rerunOf,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listExchangeRuns(
  ctx: RequestContext,
  q: { system?: TExchangeRun['system']; page: number; pageSize: number },
): Promise<{ items: TExchangeRun[]; total: number }> {
  const user = requireAction(ctx.user, 'exchange.read');
  const conds: SQL[] = [exchangeRunScope(user)];
  if (q.system) conds.push(eq(exchangeRuns.system, q.system));
  const where = and(...conds);
  const rows = await selectRuns(ctx)
    .where(where)
    .orderBy(desc(exchangeRuns.createdAt), desc(exchangeRuns.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [count] = await ctx.deps.db.select({ n: sql<number>`count(*)::int` }).from(exchangeRuns).where(where);
  return { items: rows.map(present), total: count?.n ?? 0 };
}

async function loadRun(ctx: RequestContext, id: number, skipAccessCheck = false) {
  const user = skipAccessCheck ? ctx.user : requireAction(ctx.user, 'exchange.read');
  const [row] = await selectRuns(ctx)
    .where(and(eq(exchangeRuns.id, id), skipAccessCheck || !user ? sql`true` : exchangeRunScope(user)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id });
  return row;
}

export async function getExchangeRun(
  ctx: RequestContext,
  id: number,
  opts: { skipAccessCheck?: boolean } = {},
): Promise<TExchangeRun> {
  return present(await loadRun(ctx, id, opts.skipAccessCheck));
}

/** The run's input or output bytes, with the name and type they were kept under. */
export async function exchangeRunFile(ctx: RequestContext, id: number, which: 'input' | 'output') {
  const row = await loadRun(ctx, id);
  const fileId = which === 'input' ? row.r.inputFileId : row.r.outputFileId;
  const file = fileId ? await readExchangeFile(ctx.deps, fileId) : null;
  if (!file) throw new AppError('NOT_FOUND', { id, which });
  return { bytes: file.bytes, fileName: file.fileName, contentType: file.contentType };
}

/**
 * Run again: an inbound run takes its kept input in again (declarations already taken in are duplicates, statuses
 * already applied are skipped), an outbound run produces its file again from today's data with the same request.
 */
export async function rerunExchange(ctx: RequestContext, id: number): Promise<TExchangeRun> {
  requireAction(ctx.user, 'exchange.run');
  const row = await loadRun(ctx, id);
  if (row.r.direction === 'inbound') {
    const file = row.r.inputFileId ? await readExchangeFile(ctx.deps, row.r.inputFileId) : null;
    if (!file) throw new AppError('NOT_FOUND', { id, which: 'input' });
    return runInbound(ctx, { kind: row.r.kind, bytes: file.bytes, fileName: file.fileName, rerunOf: row.r.id });
  }
  const request = ZOutboundRequest.safeParse(row.r.params);
  if (!request.success) throw new AppError('NOT_FOUND', { id, which: 'params' });
  return runOutbound(ctx, request.data as TOutboundRequest, row.r.id);
}
