import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import type { TAuditVerifyResponse } from '../../../../../contracts/audit';
import { useT } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { api } from '../../../../request';

/** 校验日志链: the server re-computes every HMAC-SM3 link and names the first entry that does not hold. */
export function VerifyChainButton({ onResult }: { onResult: (result: TAuditVerifyResponse) => void }) {
  const t = useT();
  const verify = useMutation({
    mutationFn: () => api.get<TAuditVerifyResponse>('/api/audit/verify'),
    onSuccess: onResult,
  });
  return (
    <Button
      icon={<SafetyCertificateOutlined />}
      loading={verify.isPending}
      onClick={() => verify.mutate()}
      data-testid="audit-verify"
    >
      {t('audit.verify')}
    </Button>
  );
}

export function VerifyChainResult({ result, onClose }: { result: TAuditVerifyResponse; onClose: () => void }) {
  const t = useT();
  const text = result.firstBroken
    ? t('audit.verifyBroken', {
        // An entry still waiting for its place has no seq yet: named by its insertion id.
        seq: result.firstBroken.seq ?? t('audit.pendingEntry', { id: result.firstBroken.id ?? '—' }),
        reason: t(`audit.reason.${result.firstBroken.reason}`),
        checked: result.checked,
      })
    : t('audit.verifyOk', { checked: result.checked, first: result.firstSeq ?? '—', last: result.lastSeq ?? '—' });
  const anchor = result.anchor;
  const lines = anchor
    ? [
        t(`audit.anchor.${anchor.state}`, { seq: anchor.seq ?? '—', at: formatDateTime(anchor.at) }),
        ...(anchor.invalidLines.length > 0
          ? [t('audit.anchor.invalid', { lines: anchor.invalidLines.join('、') })]
          : []),
      ]
    : [];
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      title={text}
      description={
        lines.length > 0 && (
          <div data-testid="audit-verify-anchor">
            {lines.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        )
      }
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      data-testid="audit-verify-result"
    />
  );
}
