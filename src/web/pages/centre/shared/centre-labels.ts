import type { TCentreStatus } from '../../../../contracts/centre';
import { CENTRE_STATUSES, RECOGNISED_STATUSES } from '../../../../contracts/centre';
import type { TLocale } from '../../../../contracts/common';
import type { TParkKind, TParkLevel } from '../../../../contracts/park';
import {
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_NAMES,
  type TServiceCategory,
} from '../../../../contracts/service-category';
import type { Translate } from '../../../i18n';

/** Tag colours: blue while it moves through the offices, green once recognised, red/grey when refused or ended. */
export const STATUS_COLOURS: Record<TCentreStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  forwarded: 'geekblue',
  rejected: 'error',
  approved: 'success',
  operating: 'green',
  adjusted: 'cyan',
  revoked: 'volcano',
};

export const LEVEL_COLOURS: Record<TParkLevel, string> = { national: 'red', provincial: 'blue', other: 'default' };

export function isRecognised(status: TCentreStatus): boolean {
  return RECOGNISED_STATUSES.includes(status);
}

export function statusOptions(t: Translate) {
  return CENTRE_STATUSES.map((s) => ({ value: s, label: t(`centre.status.${s}`) }));
}

/** The 22 categories of Art. 5 in the policy's order, named in the interface language. */
export function serviceLabel(category: TServiceCategory, locale: TLocale): string {
  return SERVICE_CATEGORY_NAMES[category]?.[locale] ?? category;
}

export function serviceOptions(locale: TLocale) {
  return SERVICE_CATEGORIES.map((c) => ({ value: c, label: serviceLabel(c, locale) }));
}

/** Art. 9(二): only a national-level 经开区/高新区 may have more than one centre. */
export function mayHaveSecondCentre(level: TParkLevel, kind: TParkKind): boolean {
  return level === 'national' && (kind === 'economic_dev_zone' || kind === 'high_tech_zone');
}
