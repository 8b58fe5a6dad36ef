import os from 'node:os';
import { sql } from 'drizzle-orm';
import { makeDeps, openDatabase } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { rowsOf } from '../src/server/db/client';
import { users } from '../src/server/db/schema';
import { eq } from 'drizzle-orm';
import { readSheet } from '../src/server/lib/sheet-reader';
import { readDeclarationFile } from '../src/server/modules/trade/read-declaration-file';
import { checkDeclarations, writeDeclarations, markTrading } from '../src/server/modules/trade/ingest-declarations';
import { tradeIntakes } from '../src/server/db/schema';

const config = { ...loadConfig({ ...process.env, DATA_DIR: os.tmpdir() }), port: 0 };
const database = await openDatabase(config);
const deps = makeDeps(config, database);
const [u] = await deps.db.select().from(users).where(eq(users.username, 'county.420111'));
const user = { ...u, locale: 'zh-CN', isDemo: false, sessionTokenHash: '' } as never;
const codes = rowsOf<{ credit_code: string }>(await deps.db.execute(sql`select credit_code from enterprises where status='approved' and county_code='420111'`)).map((r) => r.credit_code);
const HEADER = '报关单号,统一社会信用代码,进出口,申报日期,贸易方式,贸易国（地区）,币制,总价,订单号,境外客户,项号,商品编号,商品名称,数量,计量单位,金额';
let s = `${HEADER}\n`;
const office = String(4000 + Math.floor(Math.random() * 5000));
for (let n = 1; n <= 40000; n++) {
  const k = 1 + (n % 4);
  for (let i = 0; i < k; i++) s += `${office}2025${n % 5 ? 0 : 1}${String(n).padStart(9, '0')},${codes[n % codes.length]},${n % 5 ? '出口' : '进口'},2025-03-15,0110,US,USD,${(100 * k).toFixed(2)},PO-${n},Buyer,${i + 1},8501100010,微电机,1,台,100.00\n`;
}
let t = performance.now();
const lap = (what: string) => { const now = performance.now(); console.log(what, (now - t).toFixed(0), 'ms'); t = now; };
const sheet = await readSheet(Buffer.from(s), 'csv', { maxDataRows: 1_000_000, width: 24, maxBytes: 1 << 30, maxCellChars: 1000 });
const file = readDeclarationFile(sheet, 'zh-CN');
lap('parse');
const batch = await checkDeclarations({ db: deps.db, user, locale: 'zh-CN', today: '2026-12-07', declarations: file.declarations });
lap(`checkDeclarations ready ${batch.ready.length} issues ${batch.issues.length} ${JSON.stringify(batch.issues[0])}`);
await deps.db.transaction(async (tx) => {
  const [row] = await tx.insert(tradeIntakes).values({ source: 'county', channel: 'file', status: 'running', createdAt: new Date() }).returning();
  lap('intake');
  const w = await writeDeclarations(tx, batch.ready, { source: 'county', intakeId: row.id, createdBy: null, now: new Date() });
  lap(`write ${w.declarations} ${w.lines}`);
  await markTrading(tx, row.id, new Date());
  lap('markTrading');
  tx.rollback();
}).catch((e) => console.log("rolled back", String(e.cause ?? e).slice(0, 300)));
lap('rollback');
await database.close();
