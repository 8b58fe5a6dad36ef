import { sql } from 'drizzle-orm';
import { auditContext, type Deps, systemContext } from '../../context';
import { type Db, rowsOf } from '../../db/client';
import { copyFrom, copyText, pgClientOf } from '../../db/copy-from';
import { writeAudit } from '../../lib/audit';
import { convert } from '../../modules/trade/declaration-rules';
import { centsText, type DrawnDeclaration } from '../trade-factory';
import type { Trader } from './trade';

/* Writing the scale set's declarations (trade.ts): a chunk at a time, by COPY on PostgreSQL. */

const DECLARATION_COLUMNS = [
  'id',
  'declaration_no',
  'enterprise_id',
  'city_code',
  'county_code',
  'park_id',
  'direction',
  'declared_on',
  'month',
  'trade_mode',
  'country',
  'currency',
  'amount',
  'amount_cny_fen',
  'amount_usd_cent',
  'line_count',
  'order_no',
  'source',
  'intake_id',
  'created_at',
  'is_demo',
];
const LINE_COLUMNS = [
  'declaration_id',
  'line_no',
  'enterprise_id',
  'commodity_code',
  'hs_chapter',
  'goods_name',
  'quantity',
  'unit',
  'amount',
  'amount_cny_fen',
  'amount_usd_cent',
];

/**
 * One chunk of declarations and their lines in one transaction with its audit entry: ids taken as a block from the
 * table's sequence, values converted with the month's rates exactly as checkDeclarations does.
 */
export async function writeChunk(
  deps: Deps,
  chunk: { t: Trader; d: DrawnDeclaration }[],
  o: { month: string; intakeId: number; createdAt: Date; units: Map<string, bigint> },
): Promise<number> {
  const usd = o.units.get(`${o.month} USD`) as bigint;
  const createdAt = o.createdAt.toISOString();
  return deps.db.transaction(async (tx) => {
    // Ids from the table's own sequence, as the rows' defaults would take them (safe beside another writer).
    const ids = rowsOf<{ id: string }>(
      await tx.execute(sql`select nextval(pg_get_serial_sequence('trade_declarations', 'id'))::text as id
        from generate_series(1, ${chunk.length})`),
    ).map((x) => Number(x.id));
    const decl: (string | number | boolean | null)[][] = [];
    const lineRows: (string | number | null)[][] = [];
    for (const [i, { t, d }] of chunk.entries()) {
      const id = ids[i] as number;
      const rate = d.currency === 'CNY' ? 1_000_000n : (o.units.get(`${o.month} ${d.currency}`) as bigint);
      let fen = 0n;
      let cent = 0n;
      for (const [j, l] of d.lines.entries()) {
        const v = convert(BigInt(l.cents), rate, usd);
        fen += v.cnyFen;
        cent += v.usdCent;
        lineRows.push([
          id,
          j + 1,
          t.id,
          l.code,
          l.code.slice(0, 2),
          l.name,
          l.quantity,
          l.unit,
          centsText(l.cents),
          String(v.cnyFen),
          String(v.usdCent),
        ]);
      }
      decl.push([
        id,
        d.declarationNo,
        t.id,
        t.cityCode,
        t.countyCode,
        t.parkId,
        d.direction,
        d.declaredOn,
        o.month,
        d.tradeMode,
        d.country,
        d.currency,
        centsText(d.totalCents),
        String(fen),
        String(cent),
        d.lines.length,
        d.orderNo,
        'demo',
        o.intakeId,
        createdAt,
        true,
      ]);
    }
    await bulkInsert(deps, tx, 'trade_declarations', DECLARATION_COLUMNS, decl);
    await bulkInsert(deps, tx, 'trade_declaration_lines', LINE_COLUMNS, lineRows);
    await tx.execute(sql`update trade_intakes set declarations = declarations + ${chunk.length},
      lines = lines + ${lineRows.length} where id = ${o.intakeId}`);
    await writeAudit(tx, auditContext(systemContext(deps)), {
      action: 'demo.scale.generated',
      objectType: 'demo',
      objectId: null,
      after: {
        kind: 'trade_declarations',
        month: o.month,
        intakeId: o.intakeId,
        declarations: chunk.length,
        lines: lineRows.length,
        firstId: ids[0],
        lastId: ids[ids.length - 1],
      },
    });
    return lineRows.length;
  });
}

/** COPY on PostgreSQL; on PGlite one `insert … select from json_populate_recordset` (one parameter) per table. */
async function bulkInsert(
  deps: Deps,
  tx: Db,
  table: string,
  columns: string[],
  rows: (string | number | boolean | null)[][],
): Promise<void> {
  if (deps.dbKind === 'postgres') {
    const text: string[] = [];
    let part = '';
    for (const row of rows) {
      part += `${row.map(copyText).join('\t')}\n`;
      if (part.length > 1 << 20) {
        text.push(part);
        part = '';
      }
    }
    if (part) text.push(part);
    const copied = await copyFrom(pgClientOf(tx), table, columns, text);
    if (copied !== rows.length) throw new Error(`COPY ${table}: ${copied} rows of ${rows.length}`);
    return;
  }
  const objects = JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]]))));
  const list = sql.raw(columns.join(', '));
  await tx.execute(
    sql`insert into ${sql.raw(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.raw(table)}, ${objects}::json)`,
  );
}
