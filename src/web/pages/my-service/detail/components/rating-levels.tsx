import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { TRatingLevel } from '../../../../../contracts/service-record';

/** The five 好差评 levels, best first, each with a face and a colour a reader takes in at a glance. */
export const LEVEL_LOOK: Record<TRatingLevel, { icon: ReactNode; colour: string }> = {
  very_satisfied: { icon: <SmileOutlined />, colour: '#389e0d' },
  satisfied: { icon: <SmileOutlined />, colour: '#7cb305' },
  basic: { icon: <MehOutlined />, colour: '#d48806' },
  dissatisfied: { icon: <FrownOutlined />, colour: '#d4380d' },
  very_dissatisfied: { icon: <FrownOutlined />, colour: '#cf1322' },
};
