import { makeStyles, tokens } from '@fluentui/react-components';

/** The look the record tables share (activity record, Entra audit events): a card that scrolls sideways. */
export const useRecordTableStyles = makeStyles({
  wrap: {
    overflowX: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  sub: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

/**
 * A table row's hover, readable in every theme. Fluent's row hover is the subtle hover background,
 * cyan in the high-contrast theme, on which the cells' own secondary text (white there) cannot be
 * read. This one stays in the row's background family (the light theme's look is unchanged) and,
 * in high contrast, outlines the row in the theme's interactive cyan instead.
 */
export const useRowHoverStyles = makeStyles({
  row: {
    ':hover': {
      backgroundColor: tokens.colorNeutralBackground3,
      // Fluent's hover text colour goes with its hover background (black on cyan).
      color: tokens.colorNeutralForeground1,
      boxShadow: `inset 0 0 0 ${tokens.strokeWidthThin} ${tokens.colorTransparentStrokeInteractive}`,
    },
  },
});
