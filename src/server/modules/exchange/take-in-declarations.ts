import { sql } from 'drizzle-orm';
import type { TExchangeIssue } from '../../../contracts/exchange';
import type { TTradeDeclarationInput, TTradeSource } from '../../../contracts/trade';
import { ZTradeDeclarationInput } from '../../../contracts/trade';
import type { RequestContext } from '../../context';
import { ingestDeclarations } from '../trade/ingest-declarations';
import type { ApplyResult } from './adapter';

/** Where a declaration's field (or its line's) sits in the file: an element path, a cell, a JSON path. */
export type Locate = (index: number, line: number | undefined, field: string) => string;

/** Declarations read from a file, with the map from a declaration's field back to its place in that file. */
export interface DeclarationsMessage {
  declarations: TTradeDeclarationInput[];
  locate: Locate;
}

/**
 * Declarations from a system go the way every intake goes (ingest-declarations.ts): all or nothing, a duplicate
 * (same number, same content) counted once, the caller's trade scope deciding for whom it may report — the province
 * reports for every enterprise (the brief's one override). The trade module's issues are turned into the file's
 * own places.
 */
export async function takeInDeclarations(
  ctx: RequestContext,
  opts: { source: TTradeSource; fileName: string | null; declarations: TTradeDeclarationInput[]; locate: Locate },
): Promise<ApplyResult> {
  const r = await ingestDeclarations(ctx, {
    source: opts.source,
    channel: 'exchange',
    fileName: opts.fileName,
    declarations: opts.declarations,
    ...(ctx.user?.role === 'province' ? { enterpriseScope: sql`true` } : {}),
  });
  return {
    ok: r.status === 'succeeded',
    summary: { declarations: r.declarations, lines: r.lines, duplicates: r.duplicates },
    issues: r.issues.map((i) => ({ where: opts.locate(i.index, i.line, i.field), reason: i.reason })),
    intakeId: r.status === 'succeeded' ? r.intakeId : null,
  };
}

/** The shape checks of the shared schema (lengths, required fields), named by place. */
export function shapeIssues(declarations: TTradeDeclarationInput[], locate: Locate): TExchangeIssue[] {
  const issues: TExchangeIssue[] = [];
  declarations.forEach((d, index) => {
    const r = ZTradeDeclarationInput.safeParse(d);
    if (r.success) return;
    for (const e of r.error.issues) {
      const [first, second, third] = e.path;
      const isLine = first === 'lines' && typeof second === 'number';
      const field = String(isLine ? (third ?? 'lines') : (first ?? 'declaration'));
      issues.push({
        where: locate(index, isLine ? second + 1 : undefined, isLine && field === 'amount' ? 'lineAmount' : field),
        reason: e.message,
      });
    }
  });
  return issues;
}
