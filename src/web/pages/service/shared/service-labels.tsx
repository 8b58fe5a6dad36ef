import { Tag } from 'antd';
import type { TLocale } from '../../../../contracts/common';
import {
  SERVICE_CATALOGUE,
  SERVICE_CATALOGUE_ARTICLE,
  SERVICE_SUB_ITEMS,
} from '../../../../contracts/service-catalogue';
import type { TServiceCategory } from '../../../../contracts/service-category';
import {
  RATING_LEVELS,
  SERVICE_STATUSES,
  type TRatingLevel,
  type TServiceChannel,
  type TServiceStatus,
  ZServiceChannel,
} from '../../../../contracts/service-record';
import { type Translate, useT } from '../../../i18n';
import { serviceLabel } from '../../centre/shared/centre-labels';

export const SERVICE_STATUS_COLOURS: Record<TServiceStatus, string> = {
  submitted: 'orange',
  accepted: 'blue',
  in_progress: 'processing',
  completed: 'success',
  cancelled: 'default',
};

/** 好评 green, 基本满意 gold, 差评 red (好差评: the last two open a rectification). */
export const RATING_COLOURS: Record<TRatingLevel, string> = {
  very_satisfied: 'green',
  satisfied: 'green',
  basic: 'gold',
  dissatisfied: 'red',
  very_dissatisfied: 'red',
};

export function ServiceStatusTag({ status }: { status: TServiceStatus }) {
  const t = useT();
  return (
    <Tag color={SERVICE_STATUS_COLOURS[status]} data-testid="service-status" data-status={status}>
      {t(`service.status.${status}`)}
    </Tag>
  );
}

export function RatingTag({ level }: { level: TRatingLevel }) {
  const t = useT();
  return (
    <Tag color={RATING_COLOURS[level]} data-testid="rating-level" data-level={level}>
      {t(`rating.level.${level}`)}
    </Tag>
  );
}

export function statusOptions(t: Translate) {
  return SERVICE_STATUSES.map((s) => ({ value: s, label: t(`service.status.${s}`) }));
}

export function channelOptions(t: Translate) {
  return ZServiceChannel.options.map((c: TServiceChannel) => ({ value: c, label: t(`service.channel.${c}`) }));
}

export function ratingOptions(t: Translate) {
  return RATING_LEVELS.map((l) => ({ value: l, label: t(`rating.level.${l}`) }));
}

/** The 22 categories of Art. 5 with their paragraph, in the policy's order. */
export function categoryOptions(locale: TLocale) {
  return SERVICE_CATALOGUE.map((c) => ({
    value: c.category,
    // 报关服务 as （二）报关服务, the way Art. 5 numbers its paragraphs.
    label: locale === 'en' ? c.names.en : `${c.article.replace(SERVICE_CATALOGUE_ARTICLE, '')}${c.names['zh-CN']}`,
  }));
}

export function subItemOptions(category: TServiceCategory | undefined, locale: TLocale) {
  if (!category) return [];
  return SERVICE_SUB_ITEMS[category].map((s) => ({ value: s.key, label: s[locale] }));
}

/** 商品预归类; an unknown (later retired) sub-item shows its key rather than nothing. */
export function subItemLabel(category: TServiceCategory, subItem: string, locale: TLocale): string {
  const item = SERVICE_SUB_ITEMS[category]?.find((s) => s.key === subItem);
  return item ? item[locale] : subItem;
}

/** 报关服务 · 商品预归类 */
export function serviceItemLabel(category: TServiceCategory, subItem: string, locale: TLocale): string {
  return `${serviceLabel(category, locale)} · ${subItemLabel(category, subItem, locale)}`;
}
