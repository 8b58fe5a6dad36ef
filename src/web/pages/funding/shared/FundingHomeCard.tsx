import { Card, Col, Empty, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { useLocale } from '../../../i18n';
import { formatFenWan } from '../../../lib/format';
import { useFundingFigures } from './funding-api';

/** The province's home (issue 15): the latest computed year's due, paid and withheld, from the funding figures. */
export function FundingHomeCard() {
  const { t, locale } = useLocale();
  const figures = useFundingFigures(undefined);
  const f = figures.data;
  return (
    <Card
      title={f?.year ? t('funding.home.title', { year: f.year }) : t('funding.title')}
      size="small"
      loading={figures.isPending}
      data-testid="funding-home"
      extra={<Link to="/funding">{t('funding.home.viewAll')}</Link>}
    >
      {!f || f.year === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funding.home.none')} />
      ) : (
        <Row gutter={[16, 16]}>
          {(['dueFen', 'paidFen', 'withheldFen'] as const).map((k) => (
            <Col key={k} xs={24} sm={8}>
              <Statistic
                title={t(k === 'dueFen' ? 'funding.due' : k === 'paidFen' ? 'funding.paid' : 'funding.withheld')}
                value={formatFenWan(f.total[k], locale)}
                data-testid={`funding-home-${k}`}
              />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
