import { SECURITY } from '../../config';
import { auditContext, type RequestContext } from '../../context';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { storableText } from '../../lib/hostile-input';
import { hitRateLimit } from '../../lib/rate-limit';

/**
 * A sign-in whose body could not be parsed or validated (no password, a NUL in the name, a number for a name …) is
 * still a failed sign-in, and 等保 2.0 wants every failed sign-in logged: audit it before the 400. The name is
 * recorded as far as it can be stored (control characters out, unpaired surrogates replaced, at most 64 characters),
 * so the entry itself cannot fail. Such attempts count against the same per-address limit as wrong passwords, so
 * that bad input cannot write the log faster than guessing can.
 */
export async function auditInvalidSignIn(ctx: RequestContext, body: unknown): Promise<AppError | undefined> {
  const { db, clock } = ctx.deps;
  const now = clock();
  const hit = await hitRateLimit(db, `login:ip:${ctx.ip ?? 'unknown'}`, now, SECURITY.loginRateWindowMs);
  if (hit.count > SECURITY.loginRateLimitPerIp) {
    return new AppError('AUTH_RATE_LIMITED', {
      retryAfter: Math.max(1, Math.ceil((hit.resetAt.getTime() - now.getTime()) / 1000)),
    });
  }
  const given = body !== null && typeof body === 'object' ? (body as { username?: unknown }).username : undefined;
  await db.transaction(async (tx) => {
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'auth.login.failed',
      objectType: 'user',
      objectId: null,
      after: {
        username: typeof given === 'string' ? storableText(given.trim(), 64) : null,
        reason: 'invalid_input',
      },
    });
  });
  return undefined;
}
