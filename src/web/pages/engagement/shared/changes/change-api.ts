import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import type { TOperatorChange, TOperatorChangeStatus } from '../../../../../contracts/engagement';
import type { TPolicyVersion } from '../../../../../contracts/policy';
import { useT } from '../../../../i18n';
import { ApiError, api, type ListResponse, request } from '../../../../request';
import { handleApiError } from '../../../../request-error';
import { CENTRES_KEY } from '../../../centre/shared/queries';
import { OPERATORS_KEY } from '../../../operator/shared/queries';
import { ENGAGEMENTS_KEY, engagementKey } from '../engagement-api';
import { markField } from '../use-engagement-action';
import { DEFAULT_CHANGE_MONTHS } from './change-labels';

export type OperatorChangeQuery = {
  status?: TOperatorChangeStatus;
  awaitingMe?: 'true';
  page: number;
  pageSize: number;
};

/** Under the engagements key: a write to either refreshes both. */
export function useOperatorChanges(query: OperatorChangeQuery, enabled = true) {
  return useQuery({
    queryKey: [...ENGAGEMENTS_KEY, 'changes', query],
    queryFn: () => api.get<ListResponse<TOperatorChange>>('/api/operator-changes', query),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** Art. 10(六)'s months in the parameter version in force (the same query the centre form makes). */
export function useChangeDeadlineMonths(): number {
  const policy = useQuery({
    queryKey: ['policy', 'versions'],
    queryFn: () => api.get<ListResponse<TPolicyVersion>>('/api/policy/versions'),
    staleTime: 10 * 60 * 1000,
  });
  const inForce = policy.data?.items.find((v) => v.inForce);
  return inForce?.parameters.operatorChangeDeadlineMonths ?? DEFAULT_CHANGE_MONTHS;
}

/**
 * Someone acted first: a stale version, a step already taken, or another application made for the engagement
 * meanwhile. The page reloads rather than argue.
 */
const STALE = new Set(['VERSION_CONFLICT', 'INVALID_TRANSITION', 'CHANGE_PENDING']);

export interface ChangeCall {
  method?: 'POST' | 'PUT';
  path: string;
  body: unknown;
}

interface Options {
  onDone: (saved: TOperatorChange) => void;
  onConflict?: () => void;
  form?: FormInstance;
}

/**
 * One write about a change of operator (apply, forward, decide, handover). Each answers with the application; the
 * engagement it belongs to has changed too (its version, its status on approval), so the engagement, the lists, the
 * centre, the operator pages and the home figures are reloaded — the engagement before the modal closes, so that the
 * panel already shows the result. A refusal stays on screen with the rule behind it (RefusalAlert).
 */
export function useChangeAction({ onDone, onConflict, form }: Options) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<unknown>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ENGAGEMENTS_KEY }),
      queryClient.invalidateQueries({ queryKey: CENTRES_KEY }),
      queryClient.invalidateQueries({ queryKey: OPERATORS_KEY }),
      queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
  const mutation = useMutation({
    meta: { silent: true },
    mutationFn: ({ method = 'POST', path, body }: ChangeCall) => request<TOperatorChange>(method, path, { body }),
    onMutate: () => setRefusal(null),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: engagementKey(saved.engagementId) });
      void refresh();
      onDone(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && STALE.has(error.code)) {
        // The server's CHANGE_PENDING text speaks of a centre's adjustment; say what it means here.
        message.warning(error.code === 'CHANGE_PENDING' ? t('engagement.change.pendingExists') : error.message);
        void refresh();
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
  return { mutation, refusal };
}
