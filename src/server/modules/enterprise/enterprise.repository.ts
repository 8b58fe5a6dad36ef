import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TEnterprise } from '../../../contracts/enterprise';
import type { Db } from '../../db/client';
import { enterprises, parks, regions, users } from '../../db/schema';

const county = alias(regions, 'enterprise_county');
const city = alias(regions, 'enterprise_city');

export const ENTERPRISE_STATUS_LABELS = {
  pending: { 'zh-CN': '待审核', en: 'awaiting approval' },
  approved: { 'zh-CN': '已通过', en: 'approved' },
  rejected: { 'zh-CN': '已退回', en: 'rejected' },
} as const;

/** Enterprises with their region and park names, and whether their account exists. */
export function selectEnterprises(db: Db) {
  return db
    .select({
      e: enterprises,
      countyName: county.name,
      cityName: city.name,
      parkName: parks.name,
      hasAccount: sql<boolean>`exists (select 1 from ${users} where ${users.enterpriseId} = ${enterprises.id})`,
    })
    .from(enterprises)
    .innerJoin(county, eq(county.code, enterprises.countyCode))
    .innerJoin(city, eq(city.code, enterprises.cityCode))
    .leftJoin(parks, eq(parks.id, enterprises.parkId));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectEnterprises>['execute']>>[number];

export function presentEnterprise(r: Row): TEnterprise {
  const { e } = r;
  return {
    id: e.id,
    creditCode: e.creditCode,
    name: e.name,
    countyCode: e.countyCode,
    countyName: r.countyName,
    cityCode: e.cityCode,
    cityName: r.cityName,
    parkId: e.parkId,
    parkName: r.parkName,
    address: e.address,
    contactPerson: e.contactPerson,
    contactPhone: e.contactPhone,
    contactEmail: e.contactEmail,
    hasTradeRecord: e.hasTradeRecord,
    firstTradeOn: e.firstTradeOn,
    status: e.status,
    source: e.source,
    hasAccount: Boolean(r.hasAccount),
    reviewComment: e.reviewComment,
    reviewedAt: e.reviewedAt?.toISOString() ?? null,
    isDemo: e.isDemo,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function findEnterprise(db: Db, where: SQL): Promise<TEnterprise | null> {
  const [row] = await selectEnterprises(db).where(where).limit(1);
  return row ? presentEnterprise(row) : null;
}

export async function findEnterpriseByCreditCode(db: Db, creditCode: string) {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode)).limit(1);
  return row ?? null;
}

export const enterpriseIdIs = (id: number, scope: SQL) => and(eq(enterprises.id, id), scope) as SQL;
