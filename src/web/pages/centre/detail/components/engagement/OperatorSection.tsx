import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Table, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import type { TCentreDetail } from '../../../../../../contracts/centre';
import type { TEngagement } from '../../../../../../contracts/engagement';
import { useCan } from '../../../../../access';
import { PageSpinner } from '../../../../../components/PageResults';
import { useLocale } from '../../../../../i18n';
import { formatDate } from '../../../../../lib/format';
import { rowTestId } from '../../../../../lib/list-state';
import { errorMessage } from '../../../../../request-error';
import { EngagementPanel } from '../../../../engagement/shared/EngagementPanel';
import { EngagementStatusTag } from '../../../../engagement/shared/EngagementStatusTag';
import { useCentreEngagements, useEngagementDetail } from '../../../../engagement/shared/engagement-api';
import { TenderModal } from './TenderModal';

/**
 * 承办企业 (Art. 10) of a recognised centre: the current engagement in full, or — for the county, when there is none
 * — 登记招标结果 to record the tender that chose one; earlier engagements that ended are listed below.
 */
export function OperatorSection({ centre }: { centre: TCentreDetail }) {
  const { t, locale, labelOr } = useLocale();
  const can = useCan();
  const list = useCentreEngagements(centre.id, true);
  const items = list.data?.items ?? [];
  const current = items.find((e) => e.status !== 'ended');
  const ended = items.filter((e) => e.status === 'ended');
  const detail = useEngagementDetail(current?.id);
  const [tendering, setTendering] = useState(false);
  const mayTender = can('engagement.manage') && !current && list.isSuccess;

  let body: ReactNode;
  if (list.isPending || (current && detail.isPending)) body = <PageSpinner />;
  else if (list.isError || detail.isError) {
    body = (
      <Alert
        type="error"
        showIcon
        title={errorMessage(list.error ?? detail.error)}
        action={
          <Button size="small" onClick={() => (list.isError ? list.refetch() : detail.refetch())}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  } else if (detail.data) body = <EngagementPanel engagement={detail.data} />;
  else {
    // Art. 10(三)、(六): after an approved change the county procures the new operator; the ended engagement says so too.
    const changed = ended[0]?.endReason === 'operator_changed';
    // Art. 12(三)(2): after the province cancelled the operator's qualification, likewise.
    const cancelled = ended[0]?.endReason === 'qualification_cancelled';
    body = (
      <>
        {(changed || cancelled) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            data-testid="operator-section-reprocurement"
            title={t(cancelled ? 'engagement.reprocurement.afterCancellation' : 'engagement.reprocurement.afterChange')}
          />
        )}
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(mayTender ? 'engagement.none.county' : 'engagement.none')}
          data-testid="engagement-none"
        >
          {mayTender && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setTendering(true)}
              data-testid="engagement-tender"
            >
              {t('engagement.tender.record')}
            </Button>
          )}
        </Empty>
      </>
    );
  }

  return (
    <Card
      title={
        <Space size={8}>
          {t('engagement.section')}
          {detail.data && <EngagementStatusTag status={detail.data.status} />}
        </Space>
      }
      data-testid="operator-section"
      extra={
        detail.data && (
          <Link to={`/engagements/${detail.data.id}`} data-testid="engagement-open">
            {t('engagement.open')}
          </Link>
        )
      }
    >
      {body}
      {ended.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('engagement.history')}
          </Typography.Title>
          <Table<TEngagement>
            size="small"
            rowKey="id"
            dataSource={ended}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="engagement-history"
            onRow={rowTestId('engagement-history-row')}
            columns={[
              {
                title: t('engagement.field.operator'),
                dataIndex: 'operatorName',
                render: (name: string, e) => <Link to={`/engagements/${e.id}`}>{name}</Link>,
              },
              {
                title: t('engagement.field.servicePeriod'),
                key: 'period',
                render: (_v, e) =>
                  t('engagement.period', {
                    start: formatDate(e.serviceStart, locale),
                    end: formatDate(e.serviceEnd, locale),
                  }),
              },
              { title: t('engagement.field.filingNumber'), dataIndex: 'filingNumber', render: (n) => n ?? '—' },
              {
                title: t('engagement.field.endedOn'),
                dataIndex: 'endedOn',
                render: (d: string | null) => formatDate(d, locale),
              },
              {
                title: t('engagement.field.endReason'),
                dataIndex: 'endReason',
                render: (r: string | null) => (r ? labelOr(`engagement.endReason.${r}`, r) : '—'),
              },
            ]}
          />
        </>
      )}
      {tendering && <TenderModal centre={centre} onClose={() => setTendering(false)} />}
    </Card>
  );
}
