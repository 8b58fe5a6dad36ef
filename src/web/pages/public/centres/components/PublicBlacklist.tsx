import { StopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Row, Spin, Typography } from 'antd';
import type { TBlacklistEntry } from '../../../../../contracts/sanction';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { api, type ListResponse } from '../../../../request';
import { errorMessage } from '../../../../request-error';

const ALL = 200;

/**
 * 黑名单 (Art. 14): the operators blacklisted, with the letter, date and grounds — what the decision makes public,
 * nothing more. Cards rather than a table, so that it reads on a phone.
 */
export function PublicBlacklist({ enabled }: { enabled: boolean }) {
  const { t, locale } = useLocale();
  const list = useQuery({
    queryKey: ['public', 'blacklist', { pageSize: ALL, locale }],
    queryFn: () => api.get<ListResponse<TBlacklistEntry>>('/api/public/blacklist', { pageSize: ALL }),
    enabled,
  });
  if (list.isError) return <Alert type="error" showIcon title={errorMessage(list.error)} />;
  if (!list.data) {
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin size="large" />
      </div>
    );
  }
  return (
    <>
      <Typography.Paragraph type="secondary">{t('public.blacklist.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" data-testid="public-blacklist-count">
        {t('public.blacklist.count', { total: list.data.total })}
      </Typography.Paragraph>
      {list.data.items.length === 0 ? (
        <Empty description={t('public.blacklist.empty')} style={{ padding: 48 }} />
      ) : (
        <Row gutter={[16, 16]}>
          {list.data.items.map((b) => (
            <Col key={b.letterNumber} xs={24} md={12} xl={8}>
              <Card
                data-testid="public-blacklist-entry"
                style={{ height: '100%' }}
                styles={{ header: { paddingInline: 16 }, body: { padding: 16 } }}
                title={
                  <div style={{ whiteSpace: 'normal', lineHeight: 1.4, paddingBlock: 8 }}>
                    <StopOutlined style={{ color: '#cf1322', marginInlineEnd: 6 }} />
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {b.operatorName}
                    </Typography.Text>
                  </div>
                }
              >
                <Descriptions size="small" column={1} styles={{ label: { width: 96 } }}>
                  <Descriptions.Item label={t('sanction.creditCode')}>{b.creditCode}</Descriptions.Item>
                  <Descriptions.Item label={t('sanction.letterNumber')}>{b.letterNumber}</Descriptions.Item>
                  <Descriptions.Item label={t('sanction.decidedOn')}>
                    {formatDate(b.decidedOn, locale)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('sanction.grounds')}>{b.grounds.join('；')}</Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
