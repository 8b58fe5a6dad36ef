import { eq, sql } from 'drizzle-orm';
import {
  EXCHANGE_KIND_INFO,
  type TExchangeKind,
  type TExchangeRun,
  type TOutboundRequest,
} from '../../../contracts/exchange';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { type Db, rowsOf } from '../../db/client';
import { centres, exchangeRuns, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError, renderMessage } from '../../lib/errors';
import { cleanFileName } from '../../lib/stored-file';
import type { ApplyResult, InboundAdapter, ParseResult, RunScope } from './adapter';
import { insertExchangeFile, putExchangeBytes } from './exchange-files';
import { getExchangeRun } from './exchange-runs';
import { inboundAdapter, outboundAdapter } from './registry';

/*
 * The runner of every exchange (issue 13): the bytes are kept (file store), the adapter runs inside one transaction,
 * and the run — who, when, which system, kind and format version, input and output, what it did or why it was
 * refused — is logged with its audit entry in that same transaction. A refusal undoes everything the adapter had
 * done (a savepoint) and only the run's log entry remains: nothing is ever half applied.
 */

class Refused extends Error {
  constructor(readonly result: ApplyResult) {
    super('exchange refused');
  }
}

const CONTENT_TYPES: Partial<Record<TExchangeKind, string>> = {
  sw_declarations_xml: 'application/xml',
  sw_filing_status: 'application/xml',
  sw_declarations_xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  szt_rebate_status: 'application/json',
  cmt_trade_data: 'application/json',
};

/** Where a run by this user belongs when the run itself names no centre: the operator's centre, the county. */
async function userScope(db: Db, ctx: RequestContext): Promise<RunScope> {
  const u = ctx.user;
  if (u?.role === 'operator' && u.centreId) {
    const [c] = await db
      .select({ countyCode: centres.countyCode, cityCode: centres.cityCode })
      .from(centres)
      .where(eq(centres.id, u.centreId));
    return { centreId: u.centreId, countyCode: c?.countyCode ?? null, cityCode: c?.cityCode ?? null };
  }
  if (u?.role === 'county' && u.regionCode) {
    const [r] = await db.select({ parent: regions.parentCode }).from(regions).where(eq(regions.code, u.regionCode));
    return { centreId: null, countyCode: u.regionCode, cityCode: r?.parent ?? null };
  }
  return { centreId: null, countyCode: null, cityCode: null };
}

export interface RunInboundOptions {
  kind: TExchangeKind;
  bytes: Buffer;
  fileName?: string;
  /** A signed callback's message id: taken once (a replay is refused). */
  callbackMessageId?: boolean;
  rerunOf?: number | null;
  /** Check the caller's exchange.run (the callback's system context has none to check). */
  skipAccessCheck?: boolean;
}

export async function runInbound(ctx: RequestContext, opts: RunInboundOptions): Promise<TExchangeRun> {
  if (!opts.skipAccessCheck) requireAction(ctx.user, 'exchange.run');
  const adapter = inboundAdapter(opts.kind);
  if (!adapter)
    throw new AppError('VALIDATION_FAILED', {
      field: 'kind',
      'summary_zh-CN': 'kind：不是接收类型',
      summary_en: 'kind: not an inbound kind',
    });
  const deps = ctx.deps;
  const now = deps.clock();
  const ext =
    { sw_declarations_xlsx: 'xlsx', sw_declarations_xml: 'xml', sw_filing_status: 'xml' }[opts.kind as string] ??
    'json';
  const fileName = cleanFileName(opts.fileName ?? `${opts.kind}.${ext}`, ext);
  const parsed = await parseSafely(adapter, opts.bytes, ctx);
  const messageId = parsed.ok ? parsed.message.messageId : null;
  if (opts.callbackMessageId && messageId) {
    const [seen] = await deps.db
      .select({ id: exchangeRuns.id })
      .from(exchangeRuns)
      .where(
        sql`${exchangeRuns.system} = ${adapter.system} and ${exchangeRuns.kind} = ${opts.kind}
          and ${exchangeRuns.messageId} = ${messageId} and ${exchangeRuns.status} = 'succeeded'`,
      );
    if (seen) throw new AppError('EXCHANGE_REPLAYED', { messageId });
  }
  const stored = await putExchangeBytes(
    deps,
    opts.bytes,
    fileName,
    CONTENT_TYPES[opts.kind] ?? 'application/octet-stream',
  );
  let runId: number;
  let result: ApplyResult;
  try {
    ({ runId, result } = await deps.db.transaction(async (tx) => {
      const inputFileId = await insertExchangeFile(tx, stored, now);
      const [run] = await tx
        .insert(exchangeRuns)
        .values({
          system: adapter.system,
          direction: 'inbound',
          kind: opts.kind,
          formatVersion: parsed.ok ? parsed.message.formatVersion : adapter.formatVersion,
          status: 'failed',
          userId: ctx.user && ctx.user.id !== SYSTEM_USER_ID ? ctx.user.id : null,
          actorName: ctx.user?.displayName ?? null,
          inputFileId,
          summary: {},
          issues: [],
          rerunOf: opts.rerunOf ?? null,
          createdAt: now,
        })
        .returning({ id: exchangeRuns.id });
      let r: ApplyResult;
      if (!parsed.ok) r = { ok: false, summary: {}, issues: parsed.issues };
      else {
        try {
          r = await tx.transaction(async (sp) => {
            const inner = await adapter.apply({ ...ctx, deps: { ...deps, db: sp } }, parsed.message, {
              runId: run.id,
              fileName,
            });
            if (!inner.ok) throw new Refused(inner);
            return inner;
          });
        } catch (err) {
          if (err instanceof Refused) r = err.result;
          else if (err instanceof AppError && err.status < 500)
            r = {
              ok: false,
              summary: {},
              issues: [{ where: '—', reason: renderMessage(err.code, ctx.locale, err.details) }],
            };
          else throw err;
        }
      }
      const scope = r.recordId ? await recordScope(tx, r.recordId) : await userScope(tx, ctx);
      const summary = { ...r.summary, ...(messageId ? { messageId } : {}) };
      await tx
        .update(exchangeRuns)
        .set({
          status: r.ok ? 'succeeded' : 'failed',
          summary,
          issues: r.issues,
          intakeId: r.intakeId ?? null,
          recordId: r.recordId ?? null,
          messageId: opts.callbackMessageId ? messageId : null,
          ...scope,
        })
        .where(eq(exchangeRuns.id, run.id));
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'exchange.inbound',
        objectType: 'exchange_run',
        objectId: run.id,
        after: {
          system: adapter.system,
          kind: opts.kind,
          status: r.ok ? 'succeeded' : 'failed',
          fileName,
          sha256: stored.sha256,
          summary,
          issues: r.issues.length,
          rerunOf: opts.rerunOf ?? null,
        },
      });
      return { runId: run.id, result: r };
    }));
  } catch (err) {
    await deps.files.remove(stored.storageKey).catch(() => {});
    // Two deliveries of one callback at once: both passed the check above, the unique index refused the second.
    const cause = (err as { cause?: { code?: string; constraint?: string } } | null)?.cause;
    if (cause?.code === '23505' && cause.constraint === 'exchange_runs_message_idx')
      throw new AppError('EXCHANGE_REPLAYED', { messageId });
    throw err;
  }
  if (!result.ok)
    throw new AppError('EXCHANGE_FILE_REJECTED', {
      runId,
      count: result.issues.length,
      issues: result.issues.slice(0, 200),
    });
  return getExchangeRun(ctx, runId, { skipAccessCheck: opts.skipAccessCheck });
}

async function recordScope(db: Db, recordId: number): Promise<RunScope> {
  const [r] = rowsOf<{ centre_id: number; county_code: string; city_code: string }>(
    await db.execute(sql`select centre_id, county_code, city_code from service_records where id = ${recordId}`),
  );
  return { centreId: r?.centre_id ?? null, countyCode: r?.county_code ?? null, cityCode: r?.city_code ?? null };
}

/** Bytes a parser chokes on are a refused file, never a 500: the run is logged with the reason. */
async function parseSafely(adapter: InboundAdapter, bytes: Buffer, ctx: RequestContext): Promise<ParseResult<unknown>> {
  try {
    return await adapter.parse(bytes, ctx);
  } catch (err) {
    if (err instanceof AppError) throw err;
    return {
      ok: false,
      issues: [
        {
          where: ctx.locale === 'en' ? 'file' : '文件',
          reason: ctx.locale === 'en' ? 'the file cannot be read in this format' : '无法按此格式读取该文件',
        },
      ],
    };
  }
}

export async function runOutbound(
  ctx: RequestContext,
  request: TOutboundRequest,
  rerunOf: number | null = null,
): Promise<TExchangeRun> {
  requireAction(ctx.user, 'exchange.run');
  const adapter = outboundAdapter(request.kind);
  if (!adapter) throw new AppError('NOT_FOUND', { kind: request.kind });
  const deps = ctx.deps;
  const now = deps.clock();
  const out = await adapter.produce(ctx, request);
  const stored = await putExchangeBytes(deps, out.bytes, out.fileName, out.contentType);
  try {
    const runId = await deps.db.transaction(async (tx) => {
      const outputFileId = await insertExchangeFile(tx, stored, now);
      const [run] = await tx
        .insert(exchangeRuns)
        .values({
          system: EXCHANGE_KIND_INFO[request.kind].system,
          direction: 'outbound',
          kind: request.kind,
          formatVersion: adapter.formatVersion,
          status: 'succeeded',
          userId: ctx.user && ctx.user.id !== SYSTEM_USER_ID ? ctx.user.id : null,
          actorName: ctx.user?.displayName ?? null,
          ...out.scope,
          params: request,
          outputFileId,
          summary: out.summary,
          issues: [],
          recordId: out.recordId ?? null,
          rerunOf,
          createdAt: now,
        })
        .returning({ id: exchangeRuns.id });
      await writeAudit(tx, auditContext(ctx, now), {
        action: 'exchange.outbound',
        objectType: 'exchange_run',
        objectId: run.id,
        after: {
          system: adapter.system,
          kind: request.kind,
          params: request,
          fileName: stored.fileName,
          sha256: stored.sha256,
          summary: out.summary,
          rerunOf,
        },
      });
      return run.id;
    });
    return getExchangeRun(ctx, runId);
  } catch (err) {
    await deps.files.remove(stored.storageKey).catch(() => {});
    throw err;
  }
}
