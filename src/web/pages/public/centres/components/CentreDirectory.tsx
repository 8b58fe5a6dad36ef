import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Empty, Input, Pagination, Row, Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { TPublicCentre } from '../../../../../contracts/centre';
import type { TServiceCategory } from '../../../../../contracts/service-category';
import { useLocale } from '../../../../i18n';
import { api, type ListResponse } from '../../../../request';
import { errorMessage } from '../../../../request-error';
import { serviceOptions } from '../../../centre/shared/centre-labels';
import { PublicCentreCard } from './PublicCentreCard';

/** The whole directory fits one request (Hubei: ~100–150 centres, SPEC §6); the route's maximum page is 200. */
const ALL = 200;
const PAGE_SIZE = 12;

/**
 * The recognised centres as cards. The city filter works on the names the directory itself lists, since the public
 * API gives names and no region codes; the service and keyword filters are the server's.
 */
export function CentreDirectory() {
  const { t, locale } = useLocale();
  const [city, setCity] = useState<string | undefined>();
  const [service, setService] = useState<TServiceCategory | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);

  const everything = useQuery({
    queryKey: ['public', 'centres', { pageSize: ALL }],
    queryFn: () => api.get<ListResponse<TPublicCentre>>('/api/public/centres', { pageSize: ALL }),
  });
  const filtered = useQuery({
    queryKey: ['public', 'centres', { pageSize: ALL, service, q }],
    queryFn: () => api.get<ListResponse<TPublicCentre>>('/api/public/centres', { pageSize: ALL, service, q }),
    enabled: Boolean(service || q),
    placeholderData: (previous) => previous,
  });
  const source = service || q ? filtered : everything;

  const cities = useMemo(() => [...new Set((everything.data?.items ?? []).map((c) => c.cityName))], [everything.data]);
  const items = (source.data?.items ?? []).filter((c) => !city || c.cityName === city);
  const shown = items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  const filterStyle = { width: '100%' };
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={8} md={6}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('public.centres.city')}
            aria-label={t('public.centres.city')}
            style={filterStyle}
            value={city}
            onChange={(v) => {
              setCity(v);
              setPage(1);
            }}
            options={cities.map((c) => ({ value: c, label: c }))}
            data-testid="public-filter-city"
          />
        </Col>
        <Col xs={24} sm={8} md={6}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('public.centres.service')}
            aria-label={t('public.centres.service')}
            style={filterStyle}
            value={service}
            onChange={(v) => {
              setService(v);
              setPage(1);
            }}
            options={serviceOptions(locale)}
            data-testid="public-filter-service"
          />
        </Col>
        <Col xs={24} sm={8} md={12}>
          <Input.Search
            allowClear
            placeholder={t('public.centres.searchPlaceholder')}
            aria-label={t('public.centres.searchPlaceholder')}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            data-testid="public-filter-q"
          />
        </Col>
      </Row>

      {source.isError && <Alert type="error" showIcon title={errorMessage(source.error)} />}
      {source.isPending && !source.isError && (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin size="large" />
        </div>
      )}
      {source.data && (
        <>
          <Typography.Paragraph type="secondary" data-testid="public-count">
            {t('public.centres.count', { total: items.length })}
          </Typography.Paragraph>
          {items.length === 0 ? (
            <Empty description={t('public.centres.empty')} style={{ padding: 48 }} />
          ) : (
            <Row gutter={[16, 16]}>
              {shown.map((c) => (
                <Col key={c.id} xs={24} md={12} xl={8}>
                  <PublicCentreCard centre={c} />
                </Col>
              ))}
            </Row>
          )}
          {items.length > PAGE_SIZE && (
            <Pagination
              style={{ marginTop: 24, justifyContent: 'center' }}
              current={page}
              pageSize={PAGE_SIZE}
              total={items.length}
              showSizeChanger={false}
              onChange={(p) => {
                setPage(p);
                window.scrollTo({ top: 0 });
              }}
            />
          )}
        </>
      )}
    </>
  );
}
