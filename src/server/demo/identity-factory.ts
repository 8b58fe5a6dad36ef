import { creditCodeCheckChar, orgCodeCheckChar } from '../../contracts/credit-code';
import { idNumberCheckChar } from '../policy/rules/id-number';

/**
 * Valid-looking identifiers for demo data and tests: the check characters are computed, the rest is made up from a
 * serial, so no real enterprise's or person's number is ever used.
 */
export function makeCreditCode(serial: number, regionCode = '420100'): string {
  // 9 = registered by market regulation, 1 = enterprise; an organisation-code body of 8 digits from the serial.
  const body8 = `MA${String(serial).padStart(6, '0')}`.slice(0, 8);
  const org = `${body8}${orgCodeCheckChar(body8)}`;
  const first17 = `91${regionCode}${org}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export function makeIdNumber(serial: number, birthDate = '19800101', regionCode = '420102'): string {
  const first17 = `${regionCode}${birthDate}${String(serial % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}
