import type { TExchangeIssue, TExchangeKind, TExchangeSystem, TOutboundRequest } from '../../../contracts/exchange';
import type { RequestContext } from '../../context';

/*
 * One interface for every exchange with 单一窗口, 数智通 and 楚贸通 (issue 13). An adapter knows a system's format and
 * nothing of how bytes travel: today they come as an uploaded file or a signed callback and leave as a download; a
 * live connection later replaces only that transport (it hands the same bytes to `parse`, or sends what `produce`
 * returns). The runner (run-exchange.ts) stores the bytes, runs the adapter in one transaction and logs the run.
 */

/** What taking in a message did: numbers for the log, and the problems that made it refuse everything. */
export interface ApplyResult {
  ok: boolean;
  summary: Record<string, number | string | null>;
  issues: TExchangeIssue[];
  /** The trade intake it went through (declarations), for the log. */
  intakeId?: number | null;
  /** The service record it updated (statuses), for the log and its scope. */
  recordId?: number | null;
}

/** Where a run belongs, for who may see it: the centre (and its region) or a region alone. */
export interface RunScope {
  centreId: number | null;
  countyCode: string | null;
  cityCode: string | null;
}

/** The run an inbound message is applied in. */
export interface RunInfo {
  runId: number;
  fileName: string | null;
}

export interface ParsedMessage<T> {
  /** The system's own message id, when its format has one. */
  messageId: string | null;
  /** The format version the file declares. */
  formatVersion: string;
  value: T;
}

export type ParseResult<T> = { ok: true; message: ParsedMessage<T> } | { ok: false; issues: TExchangeIssue[] };

interface AdapterBase {
  system: TExchangeSystem;
  kind: TExchangeKind;
  /** The version of the format this adapter writes, and the newest it reads. */
  formatVersion: string;
}

export interface InboundAdapter<T = unknown> extends AdapterBase {
  direction: 'inbound';
  /** Bytes → domain input, or the problems named by where they are (element path, sheet row and column, JSON path). */
  parse(bytes: Buffer, ctx: RequestContext): Promise<ParseResult<T>>;
  /**
   * Apply the domain input through the platform's own use cases (ingestDeclarations, stepService) with `ctx` bound to
   * the run's transaction. A refusal returns ok: false; an AppError thrown rolls back everything it had done.
   */
  apply(ctx: RequestContext, message: ParsedMessage<T>, run: RunInfo): Promise<ApplyResult>;
}

export interface ProducedFile {
  bytes: Buffer;
  fileName: string;
  contentType: string;
  summary: Record<string, number | string | null>;
  scope: RunScope;
  recordId?: number | null;
}

export interface OutboundAdapter<R extends TOutboundRequest = TOutboundRequest> extends AdapterBase {
  direction: 'outbound';
  /** Domain data → bytes. Reads through the caller's scope (404 outside it); writes nothing. */
  produce(ctx: RequestContext, request: R): Promise<ProducedFile>;
}

export type ExchangeAdapter = InboundAdapter | OutboundAdapter;

/** "zh-CN or en" in one call, as the issues are worded. */
export function sayer(ctx: RequestContext) {
  return (zh: string, en: string) => (ctx.locale === 'en' ? en : zh);
}
