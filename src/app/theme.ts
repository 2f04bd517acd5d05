// The colour theme: the person's choice (System, Light, Dark, High contrast), remembered in this
// browser, and the Fluent theme it comes to. No React here: main.tsx applies it to the document
// before anything renders (the start-up failure pages have no FluentProvider), and app.tsx hands
// the same answer to Fluent through a thin hook.
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark' | 'high-contrast';
export type AppliedTheme = 'light' | 'dark' | 'high-contrast';

/** The choices in the order the account menu offers them. */
// Their words are the account menu's (in the language in use).
export const THEME_CHOICES: readonly { value: ThemeChoice }[] = [
  { value: 'system' },
  { value: 'light' },
  { value: 'dark' },
  { value: 'high-contrast' },
];

export const FLUENT_THEMES: Readonly<Record<AppliedTheme, Theme>> = {
  light: webLightTheme,
  dark: webDarkTheme,
  'high-contrast': teamsHighContrastTheme,
};

/** A preference of whoever uses this browser, not of an account: one key, not one per user. */
export const THEME_STORAGE_KEY = 'reprocess-desk.theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';
const FORCED_COLORS_QUERY = '(forced-colors: active)';

/** A stored value, or "system" for anything else (missing, hand-edited, from a later version). */
export function parseThemeChoice(value: unknown): ThemeChoice {
  return THEME_CHOICES.some((c) => c.value === value) ? (value as ThemeChoice) : 'system';
}

/**
 * The theme a choice comes to. Under "System", Windows' contrast themes (forced colours) win over
 * dark or light: the person asked the whole machine for high contrast.
 */
export function resolveTheme(
  choice: ThemeChoice,
  system: { dark: boolean; forcedColors: boolean },
): AppliedTheme {
  if (choice !== 'system') return choice;
  if (system.forcedColors) return 'high-contrast';
  return system.dark ? 'dark' : 'light';
}

export interface ThemeState {
  choice: ThemeChoice;
  applied: AppliedTheme;
  /** The system paints with its own few colours (a Windows contrast theme), whatever the theme says. */
  forcedColors: boolean;
}

export interface ThemeStore {
  getState: () => ThemeState;
  /** Saves the choice in this browser (when storage allows) and applies it at once. */
  choose: (choice: ThemeChoice) => void;
  subscribe: (listener: () => void) => () => void;
}

interface ThemeEnvironment {
  storage: Storage | undefined;
  matchMedia: ((query: string) => MediaQueryList) | undefined;
  /** Where another tab's change to the stored choice is heard (the `storage` event). */
  eventTarget: Pick<Window, 'addEventListener' | 'removeEventListener'> | undefined;
}

function browserEnvironment(): ThemeEnvironment {
  const win = typeof window === 'undefined' ? undefined : window;
  let storage: Storage | undefined;
  try {
    storage = win?.localStorage;
  } catch {
    // Storage blocked (a sandboxed frame, some privacy settings): the choice lasts for this page.
    storage = undefined;
  }
  return {
    storage,
    // Some environments (older embedded browsers, test DOMs) have no matchMedia: light, then.
    matchMedia: typeof win?.matchMedia === 'function' ? win.matchMedia.bind(win) : undefined,
    eventTarget: win,
  };
}

export function createThemeStore(env: ThemeEnvironment = browserEnvironment()): ThemeStore {
  const dark = env.matchMedia?.(DARK_QUERY);
  const forced = env.matchMedia?.(FORCED_COLORS_QUERY);
  const read = (): ThemeChoice => {
    try {
      return parseThemeChoice(env.storage?.getItem(THEME_STORAGE_KEY));
    } catch {
      return 'system';
    }
  };
  let choice = read();
  const compute = (): ThemeState => {
    const system = { dark: dark?.matches ?? false, forcedColors: forced?.matches ?? false };
    return { choice, applied: resolveTheme(choice, system), forcedColors: system.forcedColors };
  };
  let state = compute();
  const listeners = new Set<() => void>();
  const update = () => {
    const next = compute();
    if (
      next.choice === state.choice &&
      next.applied === state.applied &&
      next.forcedColors === state.forcedColors
    )
      return;
    state = next;
    for (const listener of [...listeners]) listener();
  };
  const onMedia = () => update();
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
    choice = read();
    update();
  };
  return {
    getState: () => state,
    choose: (next) => {
      choice = next;
      try {
        if (next === 'system') env.storage?.removeItem(THEME_STORAGE_KEY);
        else env.storage?.setItem(THEME_STORAGE_KEY, next);
      } catch {
        // Full or blocked storage: the choice still holds until the page is reloaded.
      }
      update();
    },
    subscribe: (listener) => {
      // The operating system's settings are followed only while someone listens (the document
      // always does, from main.tsx).
      if (listeners.size === 0) {
        dark?.addEventListener('change', onMedia);
        forced?.addEventListener('change', onMedia);
        env.eventTarget?.addEventListener('storage', onStorage);
        // What changed while nobody listened.
        choice = read();
        update();
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        dark?.removeEventListener('change', onMedia);
        forced?.removeEventListener('change', onMedia);
        env.eventTarget?.removeEventListener('storage', onStorage);
      };
    },
  };
}

/** The page's one theme store. */
export const themeStore = createThemeStore();

/**
 * Gives the document the theme's colours and `color-scheme` (scrollbars, form controls, and the
 * pages that render without Fluent: the start-up failure pages, main.tsx's plain-text fallback).
 */
export function applyThemeToDocument({ applied, forcedColors }: ThemeState, root: HTMLElement): void {
  const theme = FLUENT_THEMES[applied];
  // Fluent's high-contrast theme is light text on black. Under forced colours the system's palette
  // may be light or dark (Windows' "Desert" or "Night sky"): the browser knows which.
  root.style.colorScheme = forcedColors ? 'light dark' : applied === 'light' ? 'light' : 'dark';
  root.style.backgroundColor = theme.colorNeutralBackground2;
  root.style.color = theme.colorNeutralForeground1;
}

/** Keeps the document in the store's theme from now on. */
export function followThemeOnDocument(store: ThemeStore, root: HTMLElement): () => void {
  applyThemeToDocument(store.getState(), root);
  return store.subscribe(() => applyThemeToDocument(store.getState(), root));
}

export function useThemeState(store: ThemeStore = themeStore): ThemeState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
