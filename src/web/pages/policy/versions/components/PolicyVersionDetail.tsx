import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Grid, Space, Tag, Typography } from 'antd';
import type { TPolicyVersion } from '../../../../../contracts/policy';
import { detailView } from '../../../../components/DetailPage';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { api } from '../../../../request';
import { formatArticle, parameterRows } from './parameter-articles';

/** One version's parameters, each next to the article of the policy it implements. */
export function PolicyVersionDetail({ version, scheduled = false }: { version: number; scheduled?: boolean }) {
  const { t, locale } = useLocale();
  // On a phone each parameter's name stands above its value: a fixed label column leaves the value no room.
  const wide = Grid.useBreakpoint().md !== false;
  const detail = useQuery({
    queryKey: ['policy', 'version', version],
    queryFn: () => api.get<TPolicyVersion>(`/api/policy/versions/${version}`),
  });
  const view = detailView(detail, {
    title: t('policy.notFound'),
    backTo: '/policy',
    backLabel: t('policy.backToList'),
  });
  if (view.fallback) return view.fallback;
  const policy = view.data;
  const rows = parameterRows(policy.parameters, { t, locale });
  return (
    <Card
      title={
        <Space>
          {t('policy.parameters', { version: policy.version })}
          {policy.inForce ? (
            <Tag color="green">{t('policy.inForce')}</Tag>
          ) : scheduled ? (
            <Tag color="blue">{t('policy.scheduled')}</Tag>
          ) : (
            <Tag>{t('policy.superseded')}</Tag>
          )}
        </Space>
      }
      data-testid="policy-detail"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'title', label: t('policy.versionTitle'), children: policy.title, span: 'filled' },
          { key: 'basis', label: t('policy.basis'), children: policy.basis, span: 'filled' },
          {
            key: 'effectiveFrom',
            label: t('policy.effectiveFrom'),
            children: formatDate(policy.effectiveFrom, locale),
          },
          { key: 'publishedAt', label: t('policy.publishedAt'), children: formatDate(policy.publishedAt, locale) },
          {
            key: 'publishedBy',
            label: t('policy.publishedBy'),
            children:
              // Version 1 is put in by the platform itself at its first start (actor "system"), not by a person.
              policy.publishedBy === 'system' ? t('policy.publishedBySystem') : (policy.publishedBy ?? '—'),
            span: 'filled',
          },
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={1}
        layout={wide ? 'horizontal' : 'vertical'}
        styles={wide ? { label: { width: 320 } } : undefined}
        items={rows.map((row) => ({
          key: row.key,
          label: t(`policy.param.${row.key}`),
          children: (
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
              <Typography.Text>{row.value}</Typography.Text>
              {row.article ? (
                <Tag color="geekblue" data-testid={`article-${row.key}`}>
                  {formatArticle(row.article, locale)}
                </Tag>
              ) : (
                <Typography.Text type="secondary">{t('policy.articleNone')}</Typography.Text>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
