import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { MouseEvent } from 'react';
import { focusRequestsGrid } from '../features/requests/components/requests-grid';
import { t } from '../i18n/i18n';

const useStyles = makeStyles({
  // Out of sight until it has focus: the first Tab of the page shows it over the header.
  link: {
    position: 'absolute',
    top: tokens.spacingVerticalS,
    left: tokens.spacingHorizontalS,
    zIndex: 1000,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    boxShadow: tokens.shadow16,
    fontWeight: tokens.fontWeightSemibold,
    transform: 'translateY(-200%)',
    ':focus': {
      transform: 'none',
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
});

/**
 * "Skip to the queue": the page's first Tab stop, past the header and the tools, to the grid's
 * one Tab stop (the first row's Reprocess, or the cell last focused there).
 */
export function SkipToQueue({ className }: { className?: string }) {
  const styles = useStyles();
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    const main = document.querySelector('main');
    if (main && focusRequestsGrid(main)) return;
    // No grid on screen (still loading, empty): the page's main content takes focus instead.
    if (!main) return;
    main.tabIndex = -1;
    main.focus();
  };
  return (
    <a href="#queue-title" className={mergeClasses(styles.link, className)} onClick={skip}>
      {t({ id: 'app.skipToQueue', defaultMessage: 'Skip to the queue' })}
    </a>
  );
}
