import type { Deps, RequestContext } from '../context';
import type { Db } from './client';

/**
 * The one place that decides which database a read goes to (docs/deployment.md, "Read replica"). The replica, when
 * there is one, serves reads that may be a moment behind the primary: service statistics and every Excel export
 * (lists, the audit log). Sessions, permission lookups and whatever a user has just written and reads back use
 * `deps.db`, the primary, always — so a call site opts in here, never the other way round.
 */
export function readDb(deps: Deps): Db {
  return deps.replicaDb ?? deps.db;
}

/**
 * The request's context with `deps.db` pointing at the replica, for use cases that read through `ctx.deps.db`
 * (a list's page function when it makes an export). The user, scope and locale are the request's own: permissions
 * were checked on the primary when the session was read.
 */
export function readContext(ctx: RequestContext): RequestContext {
  const db = ctx.deps.replicaDb;
  return db ? { ...ctx, deps: { ...ctx.deps, db } } : ctx;
}
