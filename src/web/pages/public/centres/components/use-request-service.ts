import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { TMeResponse } from '../../../../../contracts/auth';
import { ME_QUERY_KEY } from '../../../../access';
import { api } from '../../../../request';

/**
 * 申请服务 from the public directory: a signed-in enterprise goes straight to the request form; anyone else signs in
 * first and comes back to it. The page itself never asks /api/me (a visitor is anonymous until they act); only the
 * click does, when the session is not already known, and a 401 there just means "not signed in".
 */
export function useRequestService(): (centreId: number) => Promise<void> {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async (centreId) => {
    const target = `/my/services/new?centreId=${centreId}`;
    let me = queryClient.getQueryData<TMeResponse>(ME_QUERY_KEY);
    if (!me) {
      // Plain fetch rather than the query cache: the cache's error handler would send a 401 to the sign-in page
      // with this page as `next`, and the request form is where the visitor wants to end up.
      me = await api.get<TMeResponse>('/api/me').catch(() => undefined);
      if (me) queryClient.setQueryData(ME_QUERY_KEY, me);
    }
    await navigate(me?.user.role === 'enterprise' ? target : `/login?next=${encodeURIComponent(target)}`);
  };
}
