import type { TCentreDetail, TCentreInput, TCentreStatus } from '../../contracts/centre';
import type { TPark } from '../../contracts/park';
import { SERVICE_CATEGORIES } from '../../contracts/service-category';
import type { Deps } from '../context';
import type { SessionUser } from '../lib/access/session-user';
import { createCentreApplication } from '../modules/centre/create-centre-application';
import { decideCentreChange } from '../modules/centre/decide-centre-change';
import { requestCentreChange } from '../modules/centre/request-centre-change';
import { transitionCentre } from '../modules/centre/transition-centre';
import { actor } from './factories';
import { AREA_CODES } from './people';

export type CentreTarget = Exclude<TCentreStatus, 'operating'>;

export interface MakeCentreOptions {
  park: TPark;
  target: CentreTarget;
  input?: Partial<Omit<TCentreInput, 'parkId'>>;
  isDemo?: boolean;
  /** The accounts that take the steps (the demo's); the platform acting in each role when left out (tests). */
  actors?: { county?: SessionUser; city?: SessionUser; province?: SessionUser };
  /**
   * When each step happens, in order: drafted, submitted, decided by the city, decided by the province, the
   * change decided. Steps beyond the list happen at the last time given; no list, all at the deps' clock.
   */
  steps?: Date[];
}

/** A plausible application for a park; the venue meets Art. 6 for the park's level unless the caller says otherwise. */
export function centreInputFor(park: TPark, overrides: Partial<Omit<TCentreInput, 'parkId'>> = {}): TCentreInput {
  const large = park.level === 'national';
  return {
    parkId: park.id,
    name: `${park.name}外贸综合服务中心`,
    venueAddress: `${park.cityName}${park.countyName}${park.name}政务服务中心二楼`,
    venueArea: large ? 160 : 80,
    venueProvision: 'integration',
    venueFree: true,
    reasons: `${park.name}聚集外贸企业较多，设立外综服中心为园区企业提供通关、退税、收汇、信保等一站式服务。`,
    services: [...SERVICE_CATEGORIES],
    contactPerson: '王主任',
    contactPhone: `${AREA_CODES[park.cityCode] ?? '027'}-8${String(park.id).padStart(7, '0')}`,
    ...overrides,
  };
}

/**
 * A centre brought to `target` through the real workflow — county drafts and submits, city forwards or returns,
 * province approves, rejects, adjusts or revokes — so demo and tests only ever hold reachable states.
 */
export async function makeCentre(deps: Deps, opts: MakeCentreOptions): Promise<TCentreDetail> {
  const { park, target } = opts;
  const when = (step: number) => opts.steps?.[Math.min(step, opts.steps.length - 1)];
  const county = (step: number) =>
    actor(deps, 'county', { regionCode: park.countyCode }, opts.actors?.county, when(step));
  const city = (step: number) => actor(deps, 'city', { regionCode: park.cityCode }, opts.actors?.city, when(step));
  const province = (step: number) => actor(deps, 'province', {}, opts.actors?.province, when(step));
  let c = await createCentreApplication({
    ctx: county(0),
    input: centreInputFor(park, opts.input),
    isDemo: opts.isDemo,
  });
  if (target === 'draft') return c;
  c = await transitionCentre(county(1), c.id, 'submit', { version: c.version, comment: '请市商务局审核。' });
  if (target === 'submitted') return c;
  if (target === 'returned') {
    return transitionCentre(city(2), c.id, 'return', {
      version: c.version,
      comment: '请补充场地产权及免费使用证明。',
    });
  }
  c = await transitionCentre(city(2), c.id, 'forward', { version: c.version, comment: '经审核，同意报省商务厅核准。' });
  if (target === 'forwarded') return c;
  if (target === 'rejected') {
    return transitionCentre(province(3), c.id, 'reject', {
      version: c.version,
      comment: '园区外贸企业数量较少，暂不具备设立条件。',
    });
  }
  c = await transitionCentre(province(3), c.id, 'approve', { version: c.version, comment: '同意设立。' });
  if (target === 'approved') return c;
  if (target === 'adjusted') {
    c = await requestCentreChange(city(4), c.id, {
      kind: 'adjustment',
      reason: '服务场地迁址扩容，调整服务场地。',
      adjustment: {
        venueAddress: `${park.cityName}${park.countyName}${park.name}企业服务中心一楼`,
        venueArea: c.venueArea + 40,
      },
      version: c.version,
    });
    const pending = c.changes.find((ch) => ch.status === 'submitted');
    if (!pending) throw new Error('adjustment request not recorded');
    return decideCentreChange(province(5), pending.id, { decision: 'approve', comment: '同意调整。' });
  }
  // revoked: the province decides on its own (Art. 9(四)).
  return requestCentreChange(province(4), c.id, {
    kind: 'revocation',
    reason: '该中心核准后逾期未确定承办企业、未实际开展服务，经督促仍未整改，不再满足设立条件。',
    version: c.version,
  });
}
