/**
 * The look of the product: calm, dense, official. One typeface (BIZ UD Gothic, a universal-design
 * face chosen by many Japanese public bodies), one restrained navy, visible keyboard focus.
 */
import { createTheme, type MantineColorsTuple } from '@mantine/core';

const FONT = "'BIZ UDGothic', sans-serif";

const civic: MantineColorsTuple = [
  '#eef3fb',
  '#dbe4f3',
  '#b3c6e6',
  '#88a6d9',
  '#648bcd',
  '#4d7ac7',
  '#3f71c5',
  '#3060ae',
  '#27559c',
  '#18498a',
];

export const theme = createTheme({
  fontFamily: FONT,
  fontFamilyMonospace: FONT,
  headings: { fontFamily: FONT, fontWeight: '700' },
  colors: { civic },
  primaryColor: 'civic',
  primaryShade: 8,
  defaultRadius: 'sm',
  // Focus ring on keyboard navigation (JIS X 8341-3 asks for a visible focus).
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    TextInput: { defaultProps: { size: 'sm' } },
    PasswordInput: { defaultProps: { size: 'sm' } },
    Table: { defaultProps: { verticalSpacing: 'xs', horizontalSpacing: 'sm' } },
    Card: { defaultProps: { withBorder: true, radius: 'sm', padding: 'lg' } },
  },
});
