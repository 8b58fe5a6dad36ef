import type { TCreateOperatorRequest, TOperatorDetail } from '../../contracts/operator';
import type { Deps } from '../context';
import type { SessionUser } from '../lib/access/session-user';
import { createOperator } from '../modules/operator/create-operator';
import { recordViolation } from '../modules/operator/record-violation';
import { actor } from './factories';
import { makeCreditCode, makeIdNumber } from './identity-factory';

export interface MakeOperatorOptions {
  serial: number;
  input?: Partial<TCreateOperatorRequest>;
  /** Dates of violations to record (Art. 10(一)3). */
  violations?: string[];
  isDemo?: boolean;
  /** The county that registers it (decision 0009: its region keeps it); the province when left out. */
  registeredIn?: string;
  /**
   * GB/T 2260 code of the registering authority's region (credit code characters 3–8; the ID number's first six
   * for the legal representative): the county that registered it, else 武汉 (420100).
   */
  regionCode?: string;
  /** Who registers it (the demo's county or province account); the platform acting in that role when left out. */
  as?: SessionUser;
  at?: Date;
}

const LEGAL_REPS = ['陈建华', '刘志强', '黄晓东', '周海燕', '吴振华', '徐立新', '胡宏伟', '杨丽娟', '万德胜', '彭国庆'];

/** The legal representative's ID number the factory registers: born in the 1970s/80s, in the company's region. */
export function legalRepIdNumberFor(serial: number, region = '420100'): string {
  const birth = `19${70 + (serial % 18)}${String((serial % 12) + 1).padStart(2, '0')}${String((serial % 27) + 1).padStart(2, '0')}`;
  return makeIdNumber(serial, birth, region);
}

/** An operator enterprise registered through the real use case (checks, encryption, audit). */
export async function makeOperator(deps: Deps, opts: MakeOperatorOptions): Promise<TOperatorDetail> {
  const province = actor(deps, 'province', {}, opts.registeredIn ? undefined : opts.as, opts.at);
  const registrar = opts.registeredIn
    ? actor(deps, 'county', { regionCode: opts.registeredIn }, opts.as, opts.at)
    : province;
  const region = opts.regionCode ?? opts.registeredIn ?? '420100';
  let op = await createOperator({
    ctx: registrar,
    isDemo: opts.isDemo,
    input: {
      name: `湖北示例外贸综合服务有限公司${opts.serial}`,
      creditCode: makeCreditCode(opts.serial, region),
      legalRepName: LEGAL_REPS[opts.serial % LEGAL_REPS.length] ?? '陈建华',
      legalRepIdNumber: legalRepIdNumberFor(opts.serial, region),
      tradeRegistration: `0${region.slice(0, 4)}${String(opts.serial).padStart(5, '0')}`,
      capabilities: ['integrated_service', 'supply_chain_finance', 'freight_forwarding', 'logistics'],
      premises: '武汉市江汉区建设大道568号',
      contactPhone: '027-85550000',
      ...opts.input,
    },
  });
  for (const occurredOn of opts.violations ?? []) {
    op = await recordViolation(province, op.id, {
      occurredOn,
      description: '未按规定申报出口货物，被海关处以警告。',
      source: '武汉海关行政处罚决定书',
    });
  }
  return op;
}
