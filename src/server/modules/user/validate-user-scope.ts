import { eq } from 'drizzle-orm';
import type { TCreateUserRequest } from '../../../contracts/user';
import type { Db } from '../../db/client';
import { centres, enterprises, evaluationAgencies, parks, regions } from '../../db/schema';
import { AppError } from '../../lib/errors';

export const HUBEI_CODE = '420000';

export interface UserScopeColumns {
  regionCode: string | null;
  parkId: number | null;
  centreId: number | null;
  enterpriseId: number | null;
  evaluatorId: number | null;
}

type Reason = { 'zh-CN': string; en: string };

/** The refusal names the field and says why in both languages (renderMessage picks reason_zh-CN / reason_en). */
function invalid(role: string, reason: Reason, field: string): never {
  throw new AppError('USER_SCOPE_INVALID', {
    role,
    reason: reason.en,
    'reason_zh-CN': reason['zh-CN'],
    reason_en: reason.en,
    field,
  });
}

const required = (field: string, zh: string): Reason => ({ 'zh-CN': `须指定${zh}`, en: `${field} is required` });

/**
 * Each role's data scope (SPEC §1) must point at something real: a city for a city bureau, a park for a park, a
 * centre for its operator, an agency for its evaluator … An account pointing at nothing would gain whatever record
 * later takes that id. `scopeMayFollow` is for the test world only, which opens the accounts of centre 1 and agency 1
 * before the tests create them; no HTTP route passes it.
 */
export async function validateUserScope(
  db: Db,
  input: TCreateUserRequest,
  opts: { scopeMayFollow?: boolean } = {},
): Promise<UserScopeColumns> {
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
      if (!input.regionCode) invalid(input.role, required('regionCode', '行政区划'), 'regionCode');
      const region = (await db.select().from(regions).where(eq(regions.code, input.regionCode)).limit(1))[0];
      const childless =
        region?.level === 'city' &&
        (await db.select({ c: regions.code }).from(regions).where(eq(regions.parentCode, region.code)).limit(1))
          .length === 0;
      // 仙桃/潜江/天门/神农架 are city-level units with no counties: their bureau acts as both.
      const ok = input.role === 'city' ? region?.level === 'city' : region?.level === 'county' || childless;
      if (!ok)
        invalid(
          input.role,
          {
            'zh-CN': `${input.regionCode} 不是湖北省的${input.role === 'city' ? '市（州）级' : '县（市、区）级'}行政区划`,
            en: `${input.regionCode} is not a ${input.role}-level region of Hubei`,
          },
          'regionCode',
        );
      return { ...none, regionCode: input.regionCode };
    }
    case 'park': {
      if (!input.parkId) invalid(input.role, required('parkId', '开发区（园区）'), 'parkId');
      const park = (await db.select().from(parks).where(eq(parks.id, input.parkId)).limit(1))[0];
      if (!park)
        invalid(
          input.role,
          { 'zh-CN': `开发区（园区）${input.parkId} 不存在`, en: `park ${input.parkId} does not exist` },
          'parkId',
        );
      return { ...none, regionCode: park.countyCode, parkId: park.id };
    }
    case 'operator': {
      if (!input.centreId) invalid(input.role, required('centreId', '外综服中心'), 'centreId');
      if (!opts.scopeMayFollow) {
        const centre = (
          await db.select({ id: centres.id }).from(centres).where(eq(centres.id, input.centreId)).limit(1)
        )[0];
        if (!centre)
          invalid(
            input.role,
            { 'zh-CN': `外综服中心 ${input.centreId} 不存在`, en: `centre ${input.centreId} does not exist` },
            'centreId',
          );
      }
      return { ...none, centreId: input.centreId };
    }
    case 'enterprise':
      if (!input.enterpriseId) invalid(input.role, required('enterpriseId', '外贸企业'), 'enterpriseId');
      {
        const e = (
          await db
            .select({ id: enterprises.id })
            .from(enterprises)
            .where(eq(enterprises.id, input.enterpriseId))
            .limit(1)
        )[0];
        if (!e)
          invalid(
            input.role,
            { 'zh-CN': `外贸企业 ${input.enterpriseId} 不存在`, en: `enterprise ${input.enterpriseId} does not exist` },
            'enterpriseId',
          );
      }
      return { ...none, enterpriseId: input.enterpriseId };
    case 'evaluator': {
      if (!input.evaluatorId) invalid(input.role, required('evaluatorId', '第三方评估机构'), 'evaluatorId');
      if (!opts.scopeMayFollow) {
        const agency = (
          await db
            .select({ id: evaluationAgencies.id })
            .from(evaluationAgencies)
            .where(eq(evaluationAgencies.id, input.evaluatorId))
            .limit(1)
        )[0];
        if (!agency)
          invalid(
            input.role,
            {
              'zh-CN': `第三方评估机构 ${input.evaluatorId} 不存在`,
              en: `evaluation agency ${input.evaluatorId} does not exist`,
            },
            'evaluatorId',
          );
      }
      return { ...none, evaluatorId: input.evaluatorId };
    }
  }
}
