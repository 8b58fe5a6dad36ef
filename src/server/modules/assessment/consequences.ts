import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';

/**
 * Art. 12(三): what a published grade sets off — 较差: no funds for that year; 较差 two years running: the province is
 * asked to confirm the cancellation of the operator's qualification; 优秀 in every year of a 3-year contract: a
 * priority mark for the next tender. Called by the cycle's publication inside its transaction, after the year's
 * assessment_results rows are written. FOUNDATION PLACEHOLDER — issue 14's results work fills it in.
 */
export async function applyResultConsequences(
  _tx: Db,
  _ctx: RequestContext,
  _opts: { cycleId: number; year: number; at: Date },
): Promise<void> {}
