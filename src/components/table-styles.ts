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
