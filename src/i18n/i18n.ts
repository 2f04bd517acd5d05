// The dashboard's languages: English (the messages' source, written in the code) and Brazilian
// Portuguese (a catalog downloaded only when it is the language in use). FormatJS's core
// (`@formatjs/intl`: ICU MessageFormat with plurals, and `Intl` dates, numbers and relative times)
// without its React bindings: text is formatted with `t()` wherever it is made, in components and
// in the framework-free tables (outcomes, enum words), and the app re-renders when the language
// changes (`useLocale`, in react.ts: this module is framework-free, as src/graph and
// src/reprocess use it).
//
// Messages are written as `t({ id, defaultMessage }, values)`; `npm run messages` extracts them
// into catalogs/en.json and `npm run messages:check` fails on a message a catalog lacks, a catalog
// key nothing uses, or a translation whose placeholders differ from the English.
import {
  IntlErrorCode,
  createIntl,
  createIntlCache,
  type IntlShape,
  type MessageDescriptor,
} from '@formatjs/intl';
import type { PrimitiveType } from 'intl-messageformat';

export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, as a language picker shows it. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  'pt-BR': 'Português (Brasil)',
};

const STORAGE_KEY = 'reprocess-desk.language';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The browser's preference: the first of its languages we speak (any `pt` is pt-BR), else en. */
export function browserLocale(
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): Locale {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'pt') return 'pt-BR';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

/** The language chosen in this browser's account menu, if any (a bad stored value is ignored). */
export function storedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function storeLocale(locale: Locale | undefined): void {
  try {
    if (locale) localStorage.setItem(STORAGE_KEY, locale);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode, quota): the choice lasts for this page only.
  }
}

type Catalog = Record<string, string>;

const catalogs: Partial<Record<Locale, Promise<Catalog>>> = {};

/** pt-BR's messages, from their own chunk; English is the code's own text. */
function loadCatalog(locale: Locale): Promise<Catalog> {
  if (locale === 'en') return Promise.resolve({});
  catalogs[locale] ??= import('./catalogs/pt-BR.json').then((module) => module.default as Catalog);
  return catalogs[locale];
}

const cache = createIntlCache();

function makeIntl(locale: Locale, messages: Catalog): IntlShape<string> {
  return createIntl(
    {
      locale,
      defaultLocale: 'en',
      messages,
      // The browser's own time zone (Intl's default); no `timeZone` is set on purpose.
      onError: (error) => {
        // A missing translation falls back to the English text; the catalog check in `npm test`
        // keeps catalogs complete, so anything else is a real formatting problem.
        if (error.code === IntlErrorCode.MISSING_TRANSLATION) return;
        // A text that cannot be formatted (a broken Intl, a value of the wrong kind) is not shown
        // as raw ICU syntax: it fails the part of the page that asked for it, whose boundary says so
        // and keeps the rest of the page working.
        if (error.code === IntlErrorCode.FORMAT_ERROR) throw error;
        console.error(error);
      },
    },
    cache,
  );
}

let current: IntlShape<string> = makeIntl('en', {});
const listeners = new Set<() => void>();

function publish(intl: IntlShape<string>): void {
  current = intl;
  document.documentElement.lang = intl.locale;
  for (const listener of listeners) listener();
}

/**
 * Before the first render: the stored choice, else the browser's language. If pt-BR's catalog
 * cannot be downloaded the page starts in English rather than not at all.
 */
export async function startI18n(): Promise<void> {
  const locale = storedLocale() ?? browserLocale();
  try {
    publish(makeIntl(locale, await loadCatalog(locale)));
  } catch {
    publish(makeIntl('en', {}));
  }
}

/** The account menu's choice: remembered in this browser; the page re-renders in that language. */
export async function chooseLocale(locale: Locale): Promise<void> {
  const messages = await loadCatalog(locale);
  storeLocale(locale);
  publish(makeIntl(locale, messages));
}

/** The formatter of the language in use (react.ts formats rich messages with it). */
export function getIntl(): IntlShape<string> {
  return current;
}

export function currentLocale(): Locale {
  return current.locale as Locale;
}

/** Calls `listener` when the language changes (see react.ts's useLocale). */
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type MessageValues = Record<string, PrimitiveType | Date>;

/** A message in the language in use. */
export function t(descriptor: MessageDescriptor, values?: MessageValues): string {
  return current.formatMessage(descriptor, values);
}

/** The `Intl` formatters in the language in use (the browser's time zone). */
export const format = {
  number: (value: number, options?: Parameters<IntlShape['formatNumber']>[1]) =>
    current.formatNumber(value, options),
  date: (value: Date | number, options?: Intl.DateTimeFormatOptions) => current.formatDate(value, options),
  time: (value: Date | number, options?: Intl.DateTimeFormatOptions) => current.formatTime(value, options),
  dateTime: (
    value: Date | number,
    options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
  ) => current.formatDate(value, options),
  relativeTime: (
    value: number,
    unit: Intl.RelativeTimeFormatUnit,
    options?: Intl.RelativeTimeFormatOptions,
  ) => current.formatRelativeTime(value, unit, options),
  list: (values: readonly string[], options?: Intl.ListFormatOptions) =>
    current.formatList<string>(values, options),
  compare: (a: string, b: string) => collator().compare(a, b),
};

const collators = new Map<string, Intl.Collator>();
function collator(): Intl.Collator {
  const locale = current.locale;
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}
