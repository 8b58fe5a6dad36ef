import { type SQL, sql } from 'drizzle-orm';

/**
 * Several writes of one change as one statement (issue 12 target 4: a round trip costs the app more CPU than the
 * write costs the database): all but the last as data-modifying CTEs, the last as the statement itself — its
 * RETURNING rows are the statement's rows. PostgreSQL runs every part to completion, in one snapshot, so the parts
 * must not depend on one another's effects (none may read a row another writes) nor touch the same row twice.
 * Null for no parts.
 */
export function oneStatement(parts: readonly SQL[]): SQL | null {
  const last = parts.at(-1);
  if (!last) return null;
  if (parts.length === 1) return last;
  const ctes = parts.slice(0, -1).map((p, i) => sql`${sql.raw(`w${i}`)} as (${p})`);
  return sql`with ${sql.join(ctes, sql`, `)} ${last}`;
}
