import type { ThemeConfig } from 'antd';

/**
 * The one theme of the web app. Government sites are held to GB/T 37668-2019 (WCAG 2.0 AA): text must reach a
 * contrast of 4.5:1 against what is behind it. Ant Design's defaults do not everywhere — its grey for secondary
 * text and placeholders, its bright blue for links, and the light shade of its coloured tags — so those tokens are
 * set here, once, rather than page by page. test/e2e/accessibility.e2e.test.ts runs axe-core over the pages.
 */

const PRIMARY = '#1d4f91';

/**
 * The text colour antd puts on a coloured tag's light background is shade 7 of the palette, which reaches 4.5:1 only
 * for red, blue, geekblue, purple and magenta; the others take the first darker shade of the same palette that does
 * (shade 8, or 9 for gold, yellow and lime).
 */
const TAG_TEXT_SHADES = {
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
};

/** Text in a status colour (a 成功/警告 tag, Typography type="success"/"warning") on white or on its light tint. */
const STATUS_TEXT = {
  colorSuccess: '#237804',
  colorWarning: '#874d00',
};

export const THEME: ThemeConfig = {
  token: {
    // A deep government blue; antd derives a greyish tint from it for selected rows, so the light tints are set by hand.
    colorPrimary: PRIMARY,
    colorPrimaryBg: '#e8eff8',
    colorPrimaryBgHover: '#d4e2f3',
    controlItemBgActive: '#e8eff8',
    controlItemBgActiveHover: '#d4e2f3',
    // Links and 处理中 tags follow the primary blue instead of antd's #1677ff (4.1:1 on white).
    colorInfo: PRIMARY,
    colorLink: PRIMARY,
    // antd's #ff4d4f is 3.3:1 on white: field errors and 删除 buttons would be hard to read.
    colorError: '#cf1322',
    // Secondary text (descriptions, statistic titles, table headers' hints) at 0.45 black is 3.4:1; 0.6 is 5.7:1
    // on white and still 4.9:1 on the grey of table headers and disabled rows.
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    // Placeholders are the only hint of what a field wants when it has no visible example: 0.55 black is 4.7:1.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // antd draws 暂无数据 in an empty table or list in its disabled grey (1.8:1), yet it is a message to read. Disabled
    // controls keep their grey fill and not-allowed cursor, so they still look disabled at 4.6:1.
    colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 4,
  },
  components: {
    Tag: { ...TAG_TEXT_SHADES, ...STATUS_TEXT },
    Typography: STATUS_TEXT,
  },
};
