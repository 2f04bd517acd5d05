// The i18n layer's React side: re-render on a language change, and rich messages as children.
import type { MessageDescriptor } from '@formatjs/intl';
import type { PrimitiveType } from 'intl-messageformat';
import { cloneElement, isValidElement, useSyncExternalStore, type ReactNode } from 'react';
import { currentLocale, subscribe, type Locale, getIntl } from './i18n';

/** Re-renders its component when the language changes. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, currentLocale, currentLocale);
}

/**
 * A message with rich parts (`<b>…</b>`, a link): each tag's function gets its translated
 * chunks; the result is React children, keyed (a message may hold several parts).
 */
export function tRich(
  descriptor: MessageDescriptor,
  values: Record<string, PrimitiveType | ReactNode | ((chunks: ReactNode[]) => ReactNode)>,
): ReactNode[] {
  const formatRich = getIntl().formatMessage as (d: MessageDescriptor, v: typeof values) => unknown;
  const result = formatRich(descriptor, values) as ReactNode;
  const parts = Array.isArray(result) ? (result as ReactNode[]) : [result];
  return parts.map((part, index) =>
    isValidElement(part) && part.key === null ? cloneElement(part, { key: index }) : part,
  );
}
