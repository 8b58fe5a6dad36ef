import type { TExchangeKind } from '../../../contracts/exchange';
import type { ExchangeAdapter, InboundAdapter, OutboundAdapter } from './adapter';
import { chumaotongMonthAdapter, chumaotongTradeAdapter } from './chumaotong';
import { shuzhitongPackageAdapter, shuzhitongStatusAdapter } from './shuzhitong';
import { singleWindowXlsxAdapter, singleWindowXmlAdapter } from './single-window-declarations';
import { singleWindowStatusAdapter } from './single-window-status';

/** Every adapter by its kind: one per format, each system's in its own module. */
export const ADAPTERS = {
  sw_declarations_xml: singleWindowXmlAdapter,
  sw_declarations_xlsx: singleWindowXlsxAdapter,
  sw_filing_status: singleWindowStatusAdapter,
  szt_rebate_package: shuzhitongPackageAdapter,
  szt_rebate_status: shuzhitongStatusAdapter,
  cmt_centre_month: chumaotongMonthAdapter,
  cmt_trade_data: chumaotongTradeAdapter,
} as const satisfies Record<TExchangeKind, ExchangeAdapter>;

export function inboundAdapter(kind: TExchangeKind): InboundAdapter | null {
  const a: ExchangeAdapter = ADAPTERS[kind];
  return a.direction === 'inbound' ? (a as InboundAdapter) : null;
}

export function outboundAdapter(kind: TExchangeKind): OutboundAdapter | null {
  const a: ExchangeAdapter = ADAPTERS[kind];
  return a.direction === 'outbound' ? (a as OutboundAdapter) : null;
}
