import { Tag } from 'antd';
import type { TGrade } from '../../../../contracts/assessment';
import { useT } from '../../../i18n';

/** 考核等次 (Art. 12(三)) colours: green for 优秀, blue 良好, gold 一般, red 较差. */
export const GRADE_COLOURS: Record<TGrade, string> = {
  excellent: 'green',
  good: 'blue',
  fair: 'gold',
  poor: 'red',
};

export function GradeTag({ grade, year }: { grade: TGrade; year?: number }) {
  const t = useT();
  return (
    <Tag color={GRADE_COLOURS[grade]} style={{ marginInlineEnd: 0 }} data-testid="grade-tag" data-grade={grade}>
      {year ? t('assessment.result.gradeOfYear', { year, grade: t(`grade.${grade}`) }) : t(`grade.${grade}`)}
    </Tag>
  );
}
