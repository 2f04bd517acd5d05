// A message bar for the first screen (the list could not be loaded, read-only access, a part of
// the page that could not be downloaded), drawn like Fluent's MessageBar in a few lines, so the
// first screen does not carry the MessageBar component. Other pages use Fluent's own.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ErrorCircleFilled, InfoFilled, WarningFilled } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    // Narrow, the actions go under the text instead of squeezing it to a column of letters.
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
    flexShrink: 0,
  },
  info: {
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  warning: {
    backgroundColor: tokens.colorStatusWarningBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder1}`,
  },
  error: {
    backgroundColor: tokens.colorStatusDangerBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusDangerBorder1}`,
  },
  icon: { fontSize: '16px', lineHeight: tokens.lineHeightBase300, display: 'flex', paddingTop: '2px' },
  infoIcon: { color: tokens.colorNeutralForeground3 },
  warningIcon: { color: tokens.colorStatusWarningForeground3 },
  errorIcon: { color: tokens.colorStatusDangerForeground1 },
  body: { flex: '1 1 240px', minWidth: 0, overflowWrap: 'anywhere' },
  title: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    flexShrink: 0,
    maxWidth: '100%',
  },
});

export interface InlineAlertProps {
  intent: 'info' | 'warning' | 'error';
  title: string;
  children?: ReactNode;
  /** Buttons at the end. */
  actions?: ReactNode;
}

/** An error is announced at once (role alert); the others are notes beside the content. */
export function InlineAlert({ intent, title, children, actions }: InlineAlertProps) {
  const styles = useStyles();
  const Icon = intent === 'error' ? ErrorCircleFilled : intent === 'warning' ? WarningFilled : InfoFilled;
  return (
    <div role={intent === 'error' ? 'alert' : 'note'} className={mergeClasses(styles.root, styles[intent])}>
      <span className={mergeClasses(styles.icon, styles[`${intent}Icon`])} aria-hidden>
        <Icon />
      </span>
      <div className={styles.body}>
        <span className={styles.title}>{title}</span>
        {children}
      </div>
      {actions !== undefined && <div className={styles.actions}>{actions}</div>}
    </div>
  );
}
