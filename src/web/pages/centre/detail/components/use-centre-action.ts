import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import type { TCentreDetail } from '../../../../../contracts/centre';
import { ApiError, api } from '../../../../request';
import { handleApiError } from '../../../../request-error';
import { CENTRES_KEY } from '../../shared/queries';

/**
 * Refusals that mean "the centre on screen is out of date": someone acted first (a stale version, a step no longer
 * open in the new status, a request already decided or already pending). The page reloads rather than argue.
 */
const STALE = new Set(['VERSION_CONFLICT', 'INVALID_TRANSITION', 'CHANGE_PENDING', 'CHANGE_NOT_PENDING']);

interface ActionCall {
  path: string;
  body: unknown;
}

/**
 * One workflow step of a centre (submit, forward, return, approve, reject, change, decide). Every step answers with
 * the centre as it now is, which replaces the cached detail. A refusal stays in the modal, with the rule behind it;
 * a stale-state refusal (someone acted first) closes it and reloads the centre so that the officer sees what happened.
 */
export function useCentreAction(centreId: number, onDone: (saved: TCentreDetail) => void, onConflict: () => void) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<unknown>(null);
  const mutation = useMutation({
    meta: { silent: true },
    mutationFn: ({ path, body }: ActionCall) => api.post<TCentreDetail>(path, body),
    onMutate: () => setRefusal(null),
    onSuccess: (saved) => {
      queryClient.setQueryData([...CENTRES_KEY, 'detail', centreId], saved);
      void queryClient.invalidateQueries({ queryKey: CENTRES_KEY });
      onDone(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && STALE.has(error.code)) {
        message.warning(error.message);
        void queryClient.invalidateQueries({ queryKey: CENTRES_KEY });
        onConflict();
        return;
      }
      if (error instanceof ApiError && error.status === 401) {
        // The session ended: the global handler takes the user to the sign-in page.
        handleApiError(error);
        return;
      }
      setRefusal(error);
    },
  });
  return { mutation, refusal, clearRefusal: () => setRefusal(null) };
}
