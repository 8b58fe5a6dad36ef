import { eq } from 'drizzle-orm';
import type { TCreateUserRequest } from '../../../contracts/user';
import type { Db } from '../../db/client';
import { enterprises, parks, regions } from '../../db/schema';
import { AppError } from '../../lib/errors';

export const HUBEI_CODE = '420000';

export interface UserScopeColumns {
  regionCode: string | null;
  parkId: number | null;
  centreId: number | null;
  enterpriseId: number | null;
  evaluatorId: number | null;
}

function invalid(role: string, reason: string, field: string): never {
  throw new AppError('USER_SCOPE_INVALID', { role, reason, field });
}

/** Each role's data scope (SPEC §1) must point at something real: a city for a city bureau, a park for a park … */
export async function validateUserScope(db: Db, input: TCreateUserRequest): Promise<UserScopeColumns> {
  const none: UserScopeColumns = {
    regionCode: null,
    parkId: null,
    centreId: null,
    enterpriseId: null,
    evaluatorId: null,
  };
  switch (input.role) {
    case 'admin':
      return none;
    case 'province':
      return { ...none, regionCode: HUBEI_CODE };
    case 'city':
    case 'county': {
      if (!input.regionCode) invalid(input.role, 'regionCode is required', 'regionCode');
      const region = (await db.select().from(regions).where(eq(regions.code, input.regionCode)).limit(1))[0];
      const childless =
        region?.level === 'city' &&
        (await db.select({ c: regions.code }).from(regions).where(eq(regions.parentCode, region.code)).limit(1))
          .length === 0;
      // 仙桃/潜江/天门/神农架 are city-level units with no counties: their bureau acts as both.
      const ok = input.role === 'city' ? region?.level === 'city' : region?.level === 'county' || childless;
      if (!ok) invalid(input.role, `${input.regionCode} is not a ${input.role}-level region of Hubei`, 'regionCode');
      return { ...none, regionCode: input.regionCode };
    }
    case 'park': {
      if (!input.parkId) invalid(input.role, 'parkId is required', 'parkId');
      const park = (await db.select().from(parks).where(eq(parks.id, input.parkId)).limit(1))[0];
      if (!park) invalid(input.role, `park ${input.parkId} does not exist`, 'parkId');
      return { ...none, regionCode: park.countyCode, parkId: park.id };
    }
    case 'operator':
      if (!input.centreId) invalid(input.role, 'centreId is required', 'centreId');
      return { ...none, centreId: input.centreId };
    case 'enterprise':
      if (!input.enterpriseId) invalid(input.role, 'enterpriseId is required', 'enterpriseId');
      {
        const e = (
          await db
            .select({ id: enterprises.id })
            .from(enterprises)
            .where(eq(enterprises.id, input.enterpriseId))
            .limit(1)
        )[0];
        if (!e) invalid(input.role, `enterprise ${input.enterpriseId} does not exist`, 'enterpriseId');
      }
      return { ...none, enterpriseId: input.enterpriseId };
    case 'evaluator':
      if (!input.evaluatorId) invalid(input.role, 'evaluatorId is required', 'evaluatorId');
      return { ...none, evaluatorId: input.evaluatorId };
  }
}
