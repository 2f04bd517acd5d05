import { makeStyles, tokens } from '@fluentui/react-components';

/** The calm card a page shows when it has nothing to list (the queue, the activity record, the audit log). */
export const useEmptyStateStyles = makeStyles({
  empty: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    justifyItems: 'center',
    textAlign: 'center',
    padding: tokens.spacingVerticalXXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
  },
});
