import { SQL, sql } from 'drizzle-orm';

/**
 * Several writes of one change as one statement (issue 12 target 4: a round trip costs the app more CPU than the
 * write costs the database): all but the last as data-modifying CTEs, the last as the statement itself — its
 * RETURNING rows are the statement's rows. PostgreSQL runs every part to completion, in one snapshot, so the parts
 * must not depend on one another's effects (none may read a row another writes) nor touch the same row twice.
 * Null for no parts.
 */
export function oneStatement(parts: readonly StatementPart[]): SQL | null {
  const last = parts.at(-1);
  if (!last) return null;
  if (parts.length === 1) return sqlOf(last);
  const ctes = parts.slice(0, -1).map((p, i) => sql`${sql.raw(nameOf(p, i))} as (${sqlOf(p)})`);
  return sql`with ${sql.join(ctes, sql`, `)} ${sqlOf(last)}`;
}

/**
 * A part of oneStatement: a statement, or one with a name that a later part reads (its RETURNING rows, e.g. whether
 * an upsert inserted: decision 0031). Unnamed parts are w0, w1 …
 */
export type StatementPart = SQL | { cte: string; sql: SQL };

const sqlOf = (p: StatementPart): SQL => (p instanceof SQL ? p : p.sql);
const nameOf = (p: StatementPart, i: number): string => (p instanceof SQL ? `w${i}` : p.cte);
