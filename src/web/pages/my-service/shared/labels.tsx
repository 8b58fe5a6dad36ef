import { Tag } from 'antd';
import type { TLocale } from '../../../../contracts/common';
import { SERVICE_SUB_ITEMS } from '../../../../contracts/service-catalogue';
import { SERVICE_CATEGORY_NAMES, type TServiceCategory } from '../../../../contracts/service-category';
import type { TServiceStatus } from '../../../../contracts/service-record';
import { useT } from '../../../i18n';

/**
 * Names of Art. 5's categories and sub-items. The catalogue is part of the shared contracts (the same data the
 * server publishes at /api/public/service-catalogue), so the pages name a record without a round trip.
 */
export function categoryName(category: TServiceCategory, locale: TLocale): string {
  return SERVICE_CATEGORY_NAMES[category]?.[locale] ?? category;
}

export function subItemName(category: TServiceCategory, key: string, locale: TLocale): string {
  return SERVICE_SUB_ITEMS[category]?.find((s) => s.key === key)?.[locale] ?? key;
}

/** 待受理 → 已受理 → 办理中 → 已办结, or 已撤销. */
const STATUS_COLOURS: Record<TServiceStatus, string> = {
  submitted: 'gold',
  accepted: 'blue',
  in_progress: 'processing',
  completed: 'success',
  cancelled: 'default',
};

/** Statuses of a record still being worked on (the 办理中 tab). */
export const OPEN_STATUSES: readonly TServiceStatus[] = ['submitted', 'accepted', 'in_progress'];

export function ServiceStatusTag({ status }: { status: TServiceStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOURS[status]} style={{ marginInlineEnd: 0 }} data-testid="my-service-status">
      {t(`myService.status.${status}`)}
    </Tag>
  );
}
