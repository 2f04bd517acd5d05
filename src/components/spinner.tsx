// A progress spinner drawn like Fluent's (a brand-coloured arc turning on a light track), in a
// few lines of CSS: it is on the first screen, where every kilobyte of script delays the rows.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId, type CSSProperties } from 'react';

const SIZES = { 'extra-tiny': 16, tiny: 20, small: 28, medium: 32 } as const;

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingHorizontalS,
    lineHeight: '0',
  },
  column: { flexDirection: 'column', gap: tokens.spacingVerticalS },
  circle: {
    display: 'inline-block',
    flexShrink: 0,
    boxSizing: 'border-box',
    borderRadius: tokens.borderRadiusCircular,
    border: `2px solid ${tokens.colorBrandStroke2Contrast}`,
    borderTop: `2px solid ${tokens.colorBrandStroke1}`,
    animationName: { from: { transform: 'rotate(0deg)' }, to: { transform: 'rotate(360deg)' } },
    animationDuration: '1s',
    animationTimingFunction: 'linear',
    animationIterationCount: 'infinite',
    '@media (prefers-reduced-motion: reduce)': { animationDuration: '3s' },
  },
  thick: {
    border: `3px solid ${tokens.colorBrandStroke2Contrast}`,
    borderTop: `3px solid ${tokens.colorBrandStroke1}`,
  },
  label: {
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
  },
});

export interface SpinnerProps {
  /** Shown next to (or under) the spinner, and its accessible name. */
  label?: string;
  size?: keyof typeof SIZES;
  /** For a decorative spinner beside text that already says what is happening. */
  'aria-hidden'?: boolean;
  'aria-label'?: string;
  style?: CSSProperties;
  className?: string;
}

export function Spinner({ label, size = 'medium', style, className, ...aria }: SpinnerProps) {
  const styles = useStyles();
  const labelId = useId();
  const px = SIZES[size];
  return (
    <div
      role={aria['aria-hidden'] ? undefined : 'progressbar'}
      aria-hidden={aria['aria-hidden'] || undefined}
      aria-label={label === undefined ? aria['aria-label'] : undefined}
      aria-labelledby={label === undefined ? undefined : labelId}
      className={mergeClasses(
        styles.root,
        size === 'medium' && label !== undefined && styles.column,
        className,
      )}
      style={style}
    >
      <span
        className={mergeClasses(styles.circle, px >= 28 && styles.thick)}
        style={{ width: `${px}px`, height: `${px}px` }}
      />
      {label !== undefined && (
        <span id={labelId} className={styles.label}>
          {label}
        </span>
      )}
    </div>
  );
}
