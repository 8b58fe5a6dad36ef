import { FileDoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Row, Spin, Typography } from 'antd';
import type { TPublicFiling } from '../../../../../contracts/engagement';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { api, type ListResponse } from '../../../../request';
import { errorMessage } from '../../../../request-error';

/** The route's largest page; the province files one operator per centre, so this is the whole list for years. */
const ALL = 200;

/**
 * 承办企业备案公布 (Art. 10(三): 省商务厅对各市州上报备案情况进行公布): which operator runs which centre, under which
 * filing number, for which service period. Cards rather than a table, so that it reads on a phone.
 */
export function PublicFilings({ enabled }: { enabled: boolean }) {
  const { t, locale } = useLocale();
  const filings = useQuery({
    queryKey: ['public', 'filings', { pageSize: ALL }],
    queryFn: () => api.get<ListResponse<TPublicFiling>>('/api/public/filings', { pageSize: ALL }),
    enabled,
  });

  if (filings.isError) return <Alert type="error" showIcon title={errorMessage(filings.error)} />;
  if (!filings.data) {
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin size="large" />
      </div>
    );
  }
  const items = filings.data.items;
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="public-filings-count">
        {t('public.filings.count', { total: filings.data.total })}
      </Typography.Paragraph>
      {items.length === 0 ? (
        <Empty description={t('public.filings.empty')} style={{ padding: 48 }} />
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((f) => (
            <Col key={f.filingNumber} xs={24} md={12} xl={8}>
              <Card
                data-testid="public-filing"
                style={{ height: '100%' }}
                styles={{ header: { paddingInline: 16 }, body: { padding: 16 } }}
                title={
                  <div style={{ whiteSpace: 'normal', lineHeight: 1.4, paddingBlock: 8 }}>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {f.centreName}
                    </Typography.Text>
                  </div>
                }
              >
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {f.cityName} · {f.countyName} · {f.parkName}
                </Typography.Paragraph>
                <Descriptions size="small" column={1} styles={{ label: { width: 96 } }}>
                  <Descriptions.Item label={t('engagement.field.operator')}>
                    <span data-testid="public-filing-operator">{f.operatorName}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('engagement.field.filingNumber')}>
                    <FileDoneOutlined style={{ color: '#389e0d', marginInlineEnd: 4 }} />
                    {f.filingNumber}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('engagement.field.filedOn')}>
                    {formatDate(f.filedOn, locale)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('engagement.field.servicePeriod')}>
                    {t('engagement.period', {
                      start: formatDate(f.serviceStart, locale),
                      end: formatDate(f.serviceEnd, locale),
                    })}
                  </Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
