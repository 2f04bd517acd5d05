import { Fragment, createElement, type ReactNode } from 'react';

/**
 * `tRich`'s parts as one fragment. Given as an array child, React asks each element in it for a
 * key (a console error); given as arguments, it does not, as react-intl's own components do.
 */
export function richText(parts: readonly ReactNode[]): ReactNode {
  return createElement(Fragment, null, ...parts);
}
