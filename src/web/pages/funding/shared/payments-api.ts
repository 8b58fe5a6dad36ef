import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFundUseReportInput, TRecordPaymentInput } from '../../../../contracts/funding';
import type {
  TFundUseReport,
  TFundUseTarget,
  TPayableEntitlement,
  TPayment,
  TRecovery,
} from '../../../../contracts/funding-payments';
import { api, type ListResponse, type QueryParams } from '../../../request';

export const PAYMENTS_KEY = ['funding-payments'] as const;

export function usePayments(query: QueryParams) {
  return useQuery({
    queryKey: [...PAYMENTS_KEY, 'list', query],
    queryFn: () => api.get<ListResponse<TPayment>>('/api/funding/payments', query),
  });
}

export function usePayable(enabled: boolean) {
  return useQuery({
    queryKey: [...PAYMENTS_KEY, 'payable'],
    queryFn: () => api.get<{ items: TPayableEntitlement[] }>('/api/funding/payable'),
    enabled,
  });
}

export function useRecoveries(query: QueryParams) {
  return useQuery({
    queryKey: [...PAYMENTS_KEY, 'recoveries', query],
    queryFn: () => api.get<ListResponse<TRecovery>>('/api/funding/recoveries', query),
  });
}

export function useFundUseReports(query: QueryParams) {
  return useQuery({
    queryKey: [...PAYMENTS_KEY, 'use-reports', query],
    queryFn: () => api.get<ListResponse<TFundUseReport>>('/api/funding/use-reports', query),
  });
}

export function useFundUseTargets(enabled: boolean) {
  return useQuery({
    queryKey: [...PAYMENTS_KEY, 'use-targets'],
    queryFn: () => api.get<{ items: TFundUseTarget[] }>('/api/funding/use-targets'),
    enabled,
  });
}

/** Every funding mutation refreshes the funding lists (payments, payable sums, recoveries, reports). */
function useFundingMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: PAYMENTS_KEY }) });
}

export const useRecordPayment = () =>
  useFundingMutation((v: TRecordPaymentInput) => api.post<TPayment>('/api/funding/payments', v));

export const useConfirmPayment = () =>
  useFundingMutation((v: { id: number; version: number; voucherNumber: string; voucherDate: string }) =>
    api.post<TPayment>(`/api/funding/payments/${v.id}/confirm`, {
      version: v.version,
      voucherNumber: v.voucherNumber,
      voucherDate: v.voucherDate,
    }),
  );

export const useCancelPayment = () =>
  useFundingMutation((v: { id: number; version: number; reason: string }) =>
    api.post<TPayment>(`/api/funding/payments/${v.id}/cancel`, { version: v.version, reason: v.reason }),
  );

export const useRecordRecovery = () =>
  useFundingMutation(
    (v: { id: number; version: number; amountFen: number; receivedOn: string; voucherNumber: string }) =>
      api.post<TRecovery>(`/api/funding/recoveries/${v.id}/receipts`, {
        version: v.version,
        amountFen: v.amountFen,
        receivedOn: v.receivedOn,
        voucherNumber: v.voucherNumber,
      }),
  );

export const useReportFundUse = () =>
  useFundingMutation((v: TFundUseReportInput) => api.post<TFundUseReport>('/api/funding/use-reports', v));
