import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import type { THomeFigure } from '../../../../../contracts/dashboard';
import { useT } from '../../../../i18n';

/** Figures past their deadline read red when there are any; the rest are plain counts. */
const WARN = new Set<THomeFigure['key']>(['overdueFilings', 'overdueRectifications', 'reprocurementDue']);

/** The figures a role oversees: each a count that opens the list behind it. No imperative: those are the lists. */
export function FigureRow({ figures }: { figures: THomeFigure[] }) {
  const t = useT();
  if (figures.length === 0) return null;
  return (
    <Row gutter={[16, 16]}>
      {figures.map((f) => {
        const body = (
          <Statistic
            title={t(`home.figure.${f.key}`)}
            value={f.value}
            styles={WARN.has(f.key) && f.value > 0 ? { content: { color: '#cf1322' } } : undefined}
          />
        );
        return (
          <Col key={f.key} xs={12} lg={6} data-testid={`home-figure-${f.key}`}>
            <Card size="small" style={{ height: '100%' }}>
              {f.link ? (
                <Link to={f.link} style={{ display: 'block', color: 'inherit' }}>
                  {body}
                </Link>
              ) : (
                body
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
