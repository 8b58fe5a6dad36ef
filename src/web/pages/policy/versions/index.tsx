import { useQuery } from '@tanstack/react-query';
import { Card, Grid, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import type { TPolicyVersion } from '../../../../contracts/policy';
import { useCan } from '../../../access';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { api, type ListResponse } from '../../../request';
import { CityRulesTable } from '../city-rules';
import { PolicyDrafts } from './components/PolicyDrafts';
import { PolicyVersionDetail } from './components/PolicyVersionDetail';

/** 政策参数: the published versions of the policy's numbers (Art. 16: a later policy replaces them). */
export function PolicyPage() {
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const params = useParams();
  const can = useCan();
  const wide = Grid.useBreakpoint().md !== false;
  const versions = useQuery({
    queryKey: ['policy', 'versions'],
    queryFn: () => api.get<ListResponse<TPolicyVersion>>('/api/policy/versions'),
  });
  const items = versions.data?.items ?? [];
  // A version published ahead of its effective day is waiting, not superseded (Art. 16).
  const inForceFrom = items.find((v) => v.inForce)?.effectiveFrom ?? '';
  const scheduled = (v: TPolicyVersion) => !v.inForce && v.effectiveFrom > inForceFrom;
  const selected = params.version
    ? Number(params.version)
    : (items.find((v) => v.inForce)?.version ?? items[0]?.version);

  const columns: TableColumnsType<TPolicyVersion> = [
    {
      title: t('policy.version'),
      dataIndex: 'version',
      width: wide ? 100 : 76,
      render: (v: number) => t('policy.versionNo', { version: v }),
    },
    {
      title: t('policy.versionTitle'),
      dataIndex: 'title',
      render: (title: string, v) => (
        <Space orientation={wide ? 'horizontal' : 'vertical'} size={wide ? 8 : 2} wrap>
          {title}
          <span>
            {v.inForce && <Tag color="green">{t('policy.inForce')}</Tag>}
            {scheduled(v) && <Tag color="blue">{t('policy.scheduled')}</Tag>}
          </span>
          {!wide && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('policy.effectiveFrom')} {formatDate(v.effectiveFrom, locale)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('policy.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      width: 160,
      responsive: ['md'],
      render: (d: string) => formatDate(d, locale),
    },
    {
      title: t('policy.publishedAt'),
      dataIndex: 'publishedAt',
      width: 160,
      responsive: ['md'],
      render: formatDateTime,
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('policy.title')}>
        <Table<TPolicyVersion>
          rowKey="version"
          size="middle"
          data-testid="policy-table"
          loading={versions.isPending}
          columns={columns}
          dataSource={items}
          pagination={false}
          rowSelection={{
            type: 'radio',
            selectedRowKeys: selected === undefined ? [] : [selected],
            onChange: (keys) => navigate(`/policy/${String(keys[0])}`),
          }}
          onRow={(v) => ({ onClick: () => navigate(`/policy/${v.version}`), style: { cursor: 'pointer' } })}
        />
      </Card>
      {can('policy.draft') && <PolicyDrafts versions={items} />}
      {selected !== undefined && Number.isInteger(selected) && (
        <PolicyVersionDetail version={selected} scheduled={items.some((v) => v.version === selected && scheduled(v))} />
      )}
      {/* Art. 15: the cities' stricter values apply on top of the version in force, in their region. */}
      <Card title={<Link to="/policy/city-rules">{t('cityRule.title')}</Link>}>
        <CityRulesTable />
      </Card>
    </Space>
  );
}
