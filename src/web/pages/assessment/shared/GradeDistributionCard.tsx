import { Card, Col, Empty, Row, Select, Space, Statistic } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { GRADES } from '../../../../contracts/assessment';
import { useT } from '../../../i18n';
import { GRADE_COLOURS } from './GradeTag';
import { useGradeDistribution } from './results-api';

const TEXT_COLOURS = { green: '#389e0d', blue: '#1d4f91', gold: '#ad6800', red: '#cf1322' } as const;

/**
 * 考核等次分布 (Art. 12(三)) for the province's (or a city's) overview: how many centres in scope got each grade in the
 * latest published year, or another year picked; counted by the figures layer on the server.
 */
export function GradeDistributionCard() {
  const t = useT();
  const [year, setYear] = useState<number | undefined>(undefined);
  const dist = useGradeDistribution(year);
  const d = dist.data;
  return (
    <Card
      title={t('assessment.distribution.title')}
      size="small"
      loading={dist.isPending}
      data-testid="grade-distribution"
      extra={
        d && d.years.length > 0 ? (
          <Space size={8} wrap>
            <Select
              size="small"
              value={d.year ?? undefined}
              onChange={setYear}
              options={d.years.map((y) => ({ value: y, label: `${y}` }))}
              aria-label={t('assessment.results.yearLabel')}
              style={{ width: 88 }}
            />
            <Link to={`/assessment/results${d.year ? `?year=${d.year}` : ''}`}>
              {t('assessment.distribution.viewAll')}
            </Link>
          </Space>
        ) : null
      }
    >
      {!d || d.year === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.distribution.none')} />
      ) : (
        <>
          <div style={{ marginBottom: 8, color: 'rgba(0,0,0,0.6)' }}>
            {t('assessment.distribution.ofYear', { year: d.year, total: d.total })}
          </div>
          <Row gutter={[16, 16]}>
            {GRADES.map((g) => (
              <Col key={g} xs={12} md={6}>
                <Statistic
                  title={t(`grade.${g}`)}
                  value={d.counts[g]}
                  suffix={d.total > 0 ? ` / ${Math.round((d.counts[g] * 100) / d.total)}%` : undefined}
                  styles={{ content: { color: TEXT_COLOURS[GRADE_COLOURS[g] as keyof typeof TEXT_COLOURS] } }}
                  data-testid={`grade-count-${g}`}
                />
              </Col>
            ))}
          </Row>
        </>
      )}
    </Card>
  );
}
