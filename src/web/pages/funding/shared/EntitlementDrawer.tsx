import { Alert, Descriptions, Drawer, Grid, Tag, Typography } from 'antd';
import type { TEntitlement, TEntitlementStatus } from '../../../../contracts/funding';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime, formatFen } from '../../../lib/format';

export const STATUS_COLOURS: Record<TEntitlementStatus, string> = {
  ineligible: 'default',
  awaiting_grade: 'processing',
  due: 'green',
  withheld: 'red',
};

export function EntitlementStatusTag({ status }: { status: TEntitlementStatus }) {
  const { t } = useLocale();
  return <Tag color={STATUS_COLOURS[status]}>{t(`funding.status.${status}`)}</Tag>;
}

/**
 * How one entitlement was computed (Art. 11, 12(三), 10(六)): the sentence, the article, the parameter version and
 * every input the rule read — so a centre or an auditor can redo the sum by hand.
 */
export function EntitlementDrawer({
  entitlement: e,
  onClose,
}: {
  entitlement: TEntitlement | null;
  onClose: () => void;
}) {
  const { t, locale } = useLocale();
  const c = e?.computation;
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Drawer
      open={e !== null}
      onClose={onClose}
      title={t('funding.entitlement.detail')}
      size={phone ? '100%' : 640}
      data-testid="entitlement-drawer"
    >
      {e && c && (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {e.centreName} · {e.year}
          </Typography.Title>
          <Alert
            type={e.status === 'withheld' ? 'warning' : e.status === 'due' ? 'success' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            title={c.explanation[locale]}
            data-testid="entitlement-explanation"
          />
          {c.overpaidFen ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('funding.entitlement.overpaid', { amount: formatFen(c.overpaidFen, locale) })}
            />
          ) : null}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('funding.entitlement.operator')}>{e.operatorName}</Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.region')}>
              {e.cityName} · {e.countyName}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.status')}>
              <EntitlementStatusTag status={e.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.due')}>{formatFen(e.amountFen, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('funding.withheld')}>{formatFen(e.withheldFen, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('funding.paid')}>{formatFen(e.paidFen, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.article')}>{c.article}</Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.policyVersion')}>
              {t('funding.entitlement.policyVersionValue', { version: c.policyVersion })}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.parkLevel')}>
              {t(`funding.parkLevel.${c.inputs.parkLevel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.base')}>
              {formatFen(c.inputs.baseFen, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.filedOn')}>
              {formatDate(c.inputs.filedOn, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.eligibleFrom')}>
              {formatDate(c.inputs.eligibleFrom, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.grade')}>
              {c.inputs.grade ? t(`grade.${c.inputs.grade}`) : t('funding.entitlement.notPublished')}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.share')}>
              {c.inputs.sharePercent === null ? '—' : `${c.inputs.sharePercent}%`}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.periods')}>
              {c.inputs.periods.length === 0
                ? '—'
                : c.inputs.periods.map((p) => (
                    <div key={`${p.operatorId}-${p.from}`}>
                      {p.operatorId === e.operatorId ? '▸ ' : ''}
                      {t('funding.entitlement.period', {
                        from: formatDate(p.from, locale),
                        to: formatDate(p.to, locale),
                        days: p.servedDays,
                      })}
                    </div>
                  ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.entitlement.computedAt')}>
              {formatDateTime(e.computedAt)}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Drawer>
  );
}
