import { makeStyles } from '@fluentui/react-components';

/**
 * For a Fluent Link in forced colours (a Windows contrast theme): Chromium forces its `color` to
 * LinkText but leaves `-webkit-text-fill-color` (which paints the text) at the theme's link colour,
 * yellow in the high-contrast theme, unreadable on a light system background. The fill follows
 * the forced colour instead.
 */
export const useForcedColorsLinkStyles = makeStyles({
  link: { '@media (forced-colors: active)': { WebkitTextFillColor: 'LinkText' } },
});
