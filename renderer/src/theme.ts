import { Combobox, createTheme, Modal, type MantineColorsTuple } from '@mantine/core';

/** A sober government blue (≈ #1d5a9e at shade 7). */
const ledgerBlue: MantineColorsTuple = [
  '#eaf2fb',
  '#d3e2f3',
  '#a6c3e6',
  '#76a2d9',
  '#4e86cd',
  '#3574c6',
  '#266ac3',
  '#1d5a9e',
  '#154f94',
  '#064383',
];

/** System fonts only (offline app, strict CSP): CJK faces first so Chinese never falls back to a serif. */
const FONT_STACK =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif';

export const theme = createTheme({
  primaryColor: 'ledger',
  primaryShade: 7,
  colors: { ledger: ledgerBlue },
  fontFamily: FONT_STACK,
  headings: { fontFamily: FONT_STACK },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    // Mantine keeps closed dropdowns in the DOM (hidden), and their listbox is labelled by the input's
    // label: getByLabel('区县') would then find two elements. Unmount them when closed.
    Combobox: Combobox.extend({ defaultProps: { keepMounted: false } }),
    // Dialogs sit below the app header (z-index 100): the language switch stays usable while one is
    // open, and its errors switch language with it. The person drawer keeps Mantine's default.
    Modal: Modal.extend({ defaultProps: { zIndex: 90 } }),
  },
});
