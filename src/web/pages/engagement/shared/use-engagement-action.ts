import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import type { TEngagementDetail } from '../../../../contracts/engagement';
import { currentLocale } from '../../../i18n';
import { ApiError, request } from '../../../request';
import { handleApiError, showFieldErrors } from '../../../request-error';
import { CENTRES_KEY } from '../../centre/shared/queries';
import { ENGAGEMENTS_KEY, engagementKey } from './engagement-api';

/**
 * Refusals that mean "what is on screen is out of date": someone acted first (a stale version, a step no longer
 * open, another tender recorded for the centre meanwhile). The page reloads rather than argue.
 */
const STALE = new Set(['VERSION_CONFLICT', 'INVALID_TRANSITION', 'ENGAGEMENT_EXISTS']);

export interface EngagementCall {
  method?: 'POST' | 'PUT';
  path: string;
  body: unknown;
}

/** `bidders.0.creditCode` → ['bidders', 0, 'creditCode'], the name path of a Form.List field. */
function namePath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * The server names a field it refused in `details.field` and says why in both languages (`summary_zh-CN`,
 * `summary_en`, "awardedOn：中标日期不能早于招标公告日期"): put the reason, in the reader's language, under that field.
 * Schema refusals (zod) have no such summary and go through the usual showFieldErrors.
 */
export function markField(form: FormInstance, error: ApiError): boolean {
  const field = error.details?.field;
  const summary = error.details?.[`summary_${currentLocale()}`];
  if (typeof field !== 'string' || typeof summary !== 'string') return showFieldErrors(form, error);
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const path = namePath(field);
  if (!known.has(String(path[0]))) return false;
  form.setFields([{ name: path, errors: [summary.replace(/^[^：:]*[：:]\s*/, '')] }]);
  return true;
}

interface Options {
  /** Called with the engagement as it now is. */
  onDone: (saved: TEngagementDetail) => void;
  /** Someone acted first: the modal closes and the page shows what happened. */
  onConflict?: () => void;
  /** A form whose fields should show the server's per-field reasons. */
  form?: FormInstance;
}

/**
 * One write to an engagement (tender, checklist, agreement, report, return, file, contract, evaluation). Every write
 * answers with the engagement as it now is, which replaces the cached detail; lists and the centre (its status and
 * operator change on filing) are refreshed. A refusal stays on screen with the rule behind it (RefusalAlert).
 */
export function useEngagementAction({ onDone, onConflict, form }: Options) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<unknown>(null);
  const mutation = useMutation({
    meta: { silent: true },
    mutationFn: ({ method = 'POST', path, body }: EngagementCall) => request<TEngagementDetail>(method, path, { body }),
    onMutate: () => setRefusal(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(engagementKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: [...ENGAGEMENTS_KEY, 'list'] });
      void queryClient.invalidateQueries({ queryKey: CENTRES_KEY });
      onDone(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && STALE.has(error.code)) {
        message.warning(error.message);
        void queryClient.invalidateQueries({ queryKey: ENGAGEMENTS_KEY });
        onConflict?.();
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        handleApiError(error);
        return;
      }
      if (form && error instanceof ApiError && error.code === 'VALIDATION_FAILED') markField(form, error);
      setRefusal(error);
    },
  });
  return { mutation, refusal, clearRefusal: () => setRefusal(null) };
}
