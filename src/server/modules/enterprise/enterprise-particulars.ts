import { and, eq, sql } from 'drizzle-orm';
import type { TEnterpriseParticulars } from '../../../contracts/enterprise';
import type { Db } from '../../db/client';
import { parks, regions } from '../../db/schema';
import { AppError, invalidField } from '../../lib/errors';
import { checkedCreditCode } from '../operator/operator-identity';

export interface CheckedParticulars {
  creditCode: string;
  name: string;
  countyCode: string;
  cityCode: string;
  parkId: number | null;
  address: string | null;
  contactPerson: string;
  contactPhone: string;
  contactEmail: string | null;
  hasTradeRecord: boolean;
  firstTradeOn: string | null;
}

/**
 * What an enterprise states about itself, checked: the credit code against its GB 32100 check characters, the
 * county a county-level unit of Hubei, the park one in that county, the first trade date not in the future and
 * only with actual trade.
 */
export async function checkParticulars(
  db: Db,
  input: TEnterpriseParticulars,
  today: string,
): Promise<CheckedParticulars> {
  const creditCode = checkedCreditCode(input.creditCode);
  // A county-level unit, or one of the city-level units that have none under them (仙桃、潜江、天门、神农架林区,
  // 省直管): an enterprise there belongs to the unit itself, as parks do.
  const [county] = await db
    .select({ code: regions.code, cityCode: regions.cityCode })
    .from(regions)
    .where(
      and(
        eq(regions.code, input.countyCode),
        sql`(${regions.level} = 'county' or (${regions.level} = 'city' and not exists
          (select 1 from ${regions} as sub where sub.parent_code = ${regions.code})))`,
      ),
    )
    .limit(1);
  if (!county?.cityCode) throw new AppError('REGION_NOT_COUNTY', { code: input.countyCode, field: 'countyCode' });
  if (input.parkId) {
    const [park] = await db
      .select({ countyCode: parks.countyCode })
      .from(parks)
      .where(eq(parks.id, input.parkId))
      .limit(1);
    if (!park || park.countyCode !== county.code)
      throw invalidField('parkId', {
        'zh-CN': '所选开发区（园区）不在该县（市、区）',
        en: 'the chosen park is not in this county',
      });
  }
  const firstTradeOn = input.hasTradeRecord ? (input.firstTradeOn ?? null) : null;
  if (firstTradeOn && firstTradeOn > today)
    throw invalidField('firstTradeOn', { 'zh-CN': '首次进出口日期不能晚于今天', en: 'cannot be in the future' });
  return {
    creditCode,
    name: input.name,
    countyCode: county.code,
    cityCode: county.cityCode,
    parkId: input.parkId ?? null,
    address: input.address ?? null,
    contactPerson: input.contactPerson,
    contactPhone: input.contactPhone,
    contactEmail: input.contactEmail ?? null,
    hasTradeRecord: input.hasTradeRecord,
    firstTradeOn,
  };
}
