import type { TCreateOperatorRequest, TOperatorDetail } from '../../contracts/operator';
import { type Deps, systemContext } from '../context';
import { createOperator } from '../modules/operator/create-operator';
import { recordViolation } from '../modules/operator/record-violation';
import { makeCreditCode, makeIdNumber } from './identity-factory';

export interface MakeOperatorOptions {
  serial: number;
  input?: Partial<TCreateOperatorRequest>;
  /** Dates of violations to record (Art. 10(一)3). */
  violations?: string[];
  isDemo?: boolean;
  /** The county that registers it (decision 0009: its region keeps it); the province when left out. */
  registeredIn?: string;
}

/** An operator enterprise registered through the real use case (checks, encryption, audit). */
export async function makeOperator(deps: Deps, opts: MakeOperatorOptions): Promise<TOperatorDetail> {
  const province = systemContext(deps, 'province');
  const registrar = opts.registeredIn ? systemContext(deps, 'county', { regionCode: opts.registeredIn }) : province;
  let op = await createOperator({
    ctx: registrar,
    isDemo: opts.isDemo,
    input: {
      name: `湖北示例外贸综合服务有限公司${opts.serial}`,
      creditCode: makeCreditCode(opts.serial),
      legalRepName: '张经理',
      legalRepIdNumber: makeIdNumber(opts.serial),
      tradeRegistration: `0421${String(opts.serial).padStart(6, '0')}`,
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
