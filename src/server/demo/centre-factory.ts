import type { TCentreDetail, TCentreInput, TCentreStatus } from '../../contracts/centre';
import type { TPark } from '../../contracts/park';
import { SERVICE_CATEGORIES } from '../../contracts/service-category';
import { type Deps, systemContext } from '../context';
import { createCentreApplication } from '../modules/centre/create-centre-application';
import { decideCentreChange } from '../modules/centre/decide-centre-change';
import { requestCentreChange } from '../modules/centre/request-centre-change';
import { transitionCentre } from '../modules/centre/transition-centre';

export type CentreTarget = Exclude<TCentreStatus, 'operating'>;

export interface MakeCentreOptions {
  park: TPark;
  target: CentreTarget;
  input?: Partial<Omit<TCentreInput, 'parkId'>>;
  isDemo?: boolean;
}

const AREA_CODES: Record<string, string> = {
  '420100': '027',
  '420200': '0714',
  '420300': '0719',
  '420500': '0717',
  '420600': '0710',
  '420700': '0711',
  '420800': '0724',
  '420900': '0712',
  '421000': '0716',
  '421100': '0713',
  '421200': '0715',
  '421300': '0722',
  '422800': '0718',
  '429004': '0728',
  '429005': '0728',
  '429006': '0728',
  '429021': '0719',
};

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
  const county = systemContext(deps, 'county', { regionCode: park.countyCode });
  const city = systemContext(deps, 'city', { regionCode: park.cityCode });
  const province = systemContext(deps, 'province');
  let c = await createCentreApplication({ ctx: county, input: centreInputFor(park, opts.input), isDemo: opts.isDemo });
  if (target === 'draft') return c;
  c = await transitionCentre(county, c.id, 'submit', { version: c.version, comment: '请市商务局审核。' });
  if (target === 'submitted') return c;
  if (target === 'returned') {
    return transitionCentre(city, c.id, 'return', { version: c.version, comment: '请补充场地产权及免费使用证明。' });
  }
  c = await transitionCentre(city, c.id, 'forward', { version: c.version, comment: '经审核，同意报省商务厅核准。' });
  if (target === 'forwarded') return c;
  if (target === 'rejected') {
    return transitionCentre(province, c.id, 'reject', {
      version: c.version,
      comment: '园区外贸企业数量较少，暂不具备设立条件。',
    });
  }
  c = await transitionCentre(province, c.id, 'approve', { version: c.version, comment: '同意设立。' });
  if (target === 'approved') return c;
  if (target === 'adjusted') {
    c = await requestCentreChange(city, c.id, {
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
    return decideCentreChange(province, pending.id, { decision: 'approve', comment: '同意调整。' });
  }
  // revoked: the province decides on its own (Art. 9(四)).
  return requestCentreChange(province, c.id, {
    kind: 'revocation',
    reason: '该中心连续两年未实际开展服务，不再满足设立条件。',
    version: c.version,
  });
}
