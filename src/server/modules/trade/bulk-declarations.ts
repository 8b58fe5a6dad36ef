import { createHash } from 'node:crypto';
import type { TTradeIntakeResult } from '../../../contracts/trade';
import type { TTradeBulkRequest } from '../../../contracts/trade-intake';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { canonicalJson } from '../../lib/canonical-json';
import { AppError } from '../../lib/errors';
import { ingestDeclarations } from './ingest-declarations';
import { findIntakeByKey } from './trade-intake.repository';

export interface BulkDeclarationsOptions {
  ctx: RequestContext;
  idempotencyKey: string | undefined;
  body: TTradeBulkRequest;
}

const KEY = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The JSON bulk API for other systems (issue 13): one call is one intake, all or nothing. With an Idempotency-Key the
 * call can be repeated safely: the same key and body answer the first result without writing again; the same key
 * with another body is refused. Two calls racing with one key: the unique index (user, key) lets one intake in, the
 * other finds it afterwards and answers its result.
 */
export async function bulkDeclarations(opts: BulkDeclarationsOptions): Promise<TTradeIntakeResult> {
  const { ctx } = opts;
  const user = requireAction(ctx.user, 'trade.import');
  const key = opts.idempotencyKey?.trim() || null;
  if (key !== null && !KEY.test(key)) throw new AppError('TRADE_IDEMPOTENCY_KEY_INVALID', { field: 'Idempotency-Key' });
  const requestHash = createHash('sha256').update(canonicalJson(opts.body)).digest('hex');
  const stored = async () => {
    if (key === null) return null;
    const prior = await findIntakeByKey(ctx.deps.db, user.id, key);
    if (!prior) return null;
    if (prior.requestHash !== requestHash) throw new AppError('TRADE_IDEMPOTENCY_KEY_REUSED', { key });
    return prior.result as TTradeIntakeResult;
  };
  const first = await stored();
  if (first) return first;
  try {
    return await ingestDeclarations(ctx, {
      source: 'api',
      channel: 'api',
      idempotencyKey: key,
      requestHash: key ? requestHash : null,
      declarations: opts.body.declarations,
    });
  } catch (err) {
    // The other call of the race committed first: its intake is the answer (or the refusal, if its body differed).
    if (key !== null && isUniqueViolation(err, 'trade_intakes_idempotency_idx')) {
      const again = await stored();
      if (again) return again;
    }
    throw err;
  }
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (e.code === '23505' && (e.constraint === undefined || e.constraint === constraint)) return true;
  }
  return false;
}
