import { Card, Descriptions, Empty, Space, Tag } from 'antd';
import { Link } from 'react-router';
import type { TDashboard } from '../../../../../contracts/dashboard';
import { type Translate, useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';

type Centre = NonNullable<TDashboard['parkCentres']>[number];

/** A park committee's centre(s): status, the operator engaged and how far its engagement is, open services. */
export function ParkCentresCard({ centres }: { centres: Centre[] }) {
  const { t, locale } = useLocale();
  const tk = (key: string) => t(key as Parameters<Translate>[0]);
  return (
    <Card title={t('home.park.title')} data-testid="home-park-centres">
      {centres.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.park.empty')} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {centres.map((c) => (
            <Descriptions
              key={c.id}
              size="small"
              bordered
              column={{ xs: 1, md: 2 }}
              title={
                <Space wrap>
                  <Link to={`/centres/${c.id}`} data-testid="home-park-centre">
                    {c.name}
                  </Link>
                  <Tag color="blue">{tk(`centre.status.${c.status}`)}</Tag>
                </Space>
              }
              items={[
                { key: 'op', label: t('home.park.operator'), children: c.operatorName ?? t('home.park.noOperator') },
                {
                  key: 'eng',
                  label: t('home.park.engagement'),
                  children: c.engagementStatus ? tk(`engagement.status.${c.engagementStatus}`) : '—',
                },
                { key: 'end', label: t('home.park.serviceEnd'), children: formatDate(c.serviceEnd, locale) },
                { key: 'open', label: t('home.park.openServices'), children: c.openServices },
              ]}
            />
          ))}
        </Space>
      )}
    </Card>
  );
}
