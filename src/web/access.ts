import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { TAction } from '../contracts/access';
import type { TMeResponse } from '../contracts/auth';
import { api } from './request';

/**
 * Who is signed in and what the interface may offer them. These flags only hide menu entries and buttons; the
 * server checks every request again (CONVENTIONS §15).
 */
export const ME_QUERY_KEY = ['me'] as const;

export function useMeQuery() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: () => api.get<TMeResponse>('/api/me'),
    staleTime: 5 * 60 * 1000,
  });
}

export const MeContext = createContext<TMeResponse | null>(null);

export function useMe(): TMeResponse {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside the signed-in layout');
  return me;
}

export function useCan(): (action: TAction) => boolean {
  const me = useMe();
  return (action) => me.permissions.includes(action);
}
