import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { TRatingLevel } from '../../../../../contracts/service-record';

/**
 * The five 好差评 levels, best first, each with a face and a colour a reader takes in at a glance. The colours are
 * the darker shades of antd's palettes, so that a level's name in its colour on white, and white on it, reach 4.5:1.
 */
export const LEVEL_LOOK: Record<TRatingLevel, { icon: ReactNode; colour: string }> = {
  very_satisfied: { icon: <SmileOutlined />, colour: '#237804' },
  satisfied: { icon: <SmileOutlined />, colour: '#3f6600' },
  basic: { icon: <MehOutlined />, colour: '#874d00' },
  dissatisfied: { icon: <FrownOutlined />, colour: '#ad2102' },
  very_dissatisfied: { icon: <FrownOutlined />, colour: '#cf1322' },
};
