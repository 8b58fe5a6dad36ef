import { Tooltip } from 'antd';
import { SANCTION_GROUND_NAMES, type TSanctionGround } from '../../../../contracts/sanction';
import { useLocale } from '../../../i18n';

/** The grounds as their articles, each with its text on hover (and in full where `full`). */
export function GroundList({ grounds, full }: { grounds: TSanctionGround[]; full?: boolean }) {
  const { locale } = useLocale();
  if (full) {
    return (
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {grounds.map((g) => (
          <li key={g}>
            {SANCTION_GROUND_NAMES[g].article} {SANCTION_GROUND_NAMES[g][locale]}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <span>
      {grounds.map((g, i) => (
        <Tooltip key={g} title={SANCTION_GROUND_NAMES[g][locale]}>
          <span>
            {i > 0 ? '、' : ''}
            {SANCTION_GROUND_NAMES[g].article}
          </span>
        </Tooltip>
      ))}
    </span>
  );
}
