import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';

/*
 * The data version of the trade figures (decision 0031): the row figures_versions('trade'), incremented in the same
 * transaction as every change that can change a trade monitoring answer, so that an answer cached under a version is
 * exactly what a read at that version gives. It moves with an intake's figures (addTradeFigures), a centre's first
 * service to an enterprise (noteServedStatements, only when the pair is new), a same-day service to an enterprise
 * whose first declaration of the year is that day (新开口's credit, Art. 12(一)), a name shown on the page changing
 * (an enterprise's or a centre's), and a rebuild of the figures.
 */

export type FiguresFamily = 'trade';

/** Increment a family's version: one row, locked by the writer until its commit. */
export function bumpVersionStatement(name: FiguresFamily = 'trade'): SQL {
  return sql`update figures_versions set version = version + 1 where name = ${name}`;
}

export async function bumpFiguresVersion(tx: Db, name: FiguresFamily = 'trade'): Promise<void> {
  await tx.execute(bumpVersionStatement(name));
}

/** The family's version as the caller's snapshot sees it (0 when the row is missing). */
export async function readFiguresVersion(db: Db, name: FiguresFamily = 'trade'): Promise<number> {
  const [r] = rowsOf<{ version: string | number }>(
    await db.execute(sql`select version from figures_versions where name = ${name}`),
  );
  return r ? Number(r.version) : 0;
}
