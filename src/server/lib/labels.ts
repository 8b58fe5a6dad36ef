import type { TLocale } from '../../contracts/common';
import type { TParkKind, TParkLevel } from '../../contracts/park';
import type { TRegionLevel } from '../../contracts/region';
import type { TRatingLevel, TRectificationStatus, TServiceChannel } from '../../contracts/service-record';

/** Chinese and English names of enums, for exports and printed documents (the web has its own i18n files). */
export const PARK_KIND_LABELS: Record<TParkKind, Record<TLocale, string>> = {
  high_tech_zone: { 'zh-CN': '高新技术产业开发区', en: 'High-tech industrial development zone' },
  economic_dev_zone: { 'zh-CN': '经济技术开发区', en: 'Economic and technological development zone' },
  industrial_park: { 'zh-CN': '工业园区', en: 'Industrial park' },
  trade_upgrade_base: { 'zh-CN': '外贸转型升级基地', en: 'Foreign-trade transformation and upgrading base' },
  cross_border_ecommerce_pilot_zone: { 'zh-CN': '跨境电商综合试验区', en: 'Cross-border e-commerce pilot zone' },
  cross_border_ecommerce_park: { 'zh-CN': '跨境电商产业园', en: 'Cross-border e-commerce park' },
  market_procurement_pilot: { 'zh-CN': '市场采购贸易试点', en: 'Market procurement trade pilot' },
  bonded_zone: { 'zh-CN': '综合保税区', en: 'Comprehensive bonded zone' },
};

export const PARK_LEVEL_LABELS: Record<TParkLevel, Record<TLocale, string>> = {
  national: { 'zh-CN': '国家级', en: 'National' },
  provincial: { 'zh-CN': '省级', en: 'Provincial' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const REGION_LEVEL_LABELS: Record<TRegionLevel, Record<TLocale, string>> = {
  province: { 'zh-CN': '省', en: 'Province' },
  city: { 'zh-CN': '市（州）', en: 'City / prefecture' },
  county: { 'zh-CN': '县（市、区）', en: 'County / district' },
};

/** 政务服务"好差评" levels (Art. 8). */
export const RATING_LEVEL_LABELS: Record<TRatingLevel, Record<TLocale, string>> = {
  very_satisfied: { 'zh-CN': '非常满意', en: 'Very satisfied' },
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  basic: { 'zh-CN': '基本满意', en: 'Basically satisfied' },
  dissatisfied: { 'zh-CN': '不满意', en: 'Dissatisfied' },
  very_dissatisfied: { 'zh-CN': '非常不满意', en: 'Very dissatisfied' },
};

export const SERVICE_CHANNEL_LABELS: Record<TServiceChannel, Record<TLocale, string>> = {
  window: { 'zh-CN': '窗口', en: 'Window' },
  online: { 'zh-CN': '线上', en: 'Online' },
  onsite: { 'zh-CN': '上门', en: 'On site' },
};

export const RECTIFICATION_STATUS_LABELS: Record<TRectificationStatus, Record<TLocale, string>> = {
  open: { 'zh-CN': '待整改', en: 'Open' },
  answered: { 'zh-CN': '已答复待确认', en: 'Answered' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
};

export function yesNo(value: boolean, locale: TLocale): string {
  return locale === 'en' ? (value ? 'Yes' : 'No') : value ? '是' : '否';
}
