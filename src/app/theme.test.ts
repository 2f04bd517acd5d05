import { describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY, createThemeStore, parseThemeChoice, resolveTheme } from './theme';

/** A media query the test flips, as the operating system's settings change. */
class FakeQuery extends EventTarget {
  constructor(public matches: boolean) {
    super();
  }
  set(matches: boolean) {
    this.matches = matches;
    this.dispatchEvent(new Event('change'));
  }
}

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(initial));
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

function setUp(opts: { dark?: boolean; forced?: boolean; stored?: string; storage?: Storage } = {}) {
  const dark = new FakeQuery(opts.dark ?? false);
  const forced = new FakeQuery(opts.forced ?? false);
  const storage =
    opts.storage ?? memoryStorage(opts.stored === undefined ? {} : { [THEME_STORAGE_KEY]: opts.stored });
  const win = new EventTarget();
  const store = createThemeStore({
    storage,
    matchMedia: (query) => (query.includes('forced-colors') ? forced : dark) as unknown as MediaQueryList,
    eventTarget: win as unknown as Window,
  });
  let changes = 0;
  const unsubscribe = store.subscribe(() => changes++);
  return { store, dark, forced, storage, win, unsubscribe, changes: () => changes };
}

describe('theme choice', () => {
  it('keeps only the four known choices; anything else is System', () => {
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('high-contrast')).toBe('high-contrast');
    for (const bad of [null, undefined, '', 'Dark', 'sepia', '"dark"', 1]) {
      expect(parseThemeChoice(bad)).toBe('system');
    }
  });

  it('under System follows the OS, forced colours first; a chosen theme ignores it', () => {
    expect(resolveTheme('system', { dark: false, forcedColors: false })).toBe('light');
    expect(resolveTheme('system', { dark: true, forcedColors: false })).toBe('dark');
    expect(resolveTheme('system', { dark: false, forcedColors: true })).toBe('high-contrast');
    expect(resolveTheme('light', { dark: true, forcedColors: true })).toBe('light');
    expect(resolveTheme('dark', { dark: false, forcedColors: false })).toBe('dark');
  });
});

describe('theme store', () => {
  it('follows OS changes live while System is chosen, and not after a theme is chosen', () => {
    const { store, dark, forced, changes } = setUp();
    expect(store.getState()).toEqual({ choice: 'system', applied: 'light', forcedColors: false });
    dark.set(true);
    expect(store.getState().applied).toBe('dark');
    forced.set(true);
    expect(store.getState()).toEqual({ choice: 'system', applied: 'high-contrast', forcedColors: true });
    forced.set(false);
    store.choose('light');
    expect(store.getState()).toEqual({ choice: 'light', applied: 'light', forcedColors: false });
    const before = changes();
    dark.set(false);
    dark.set(true);
    expect(store.getState().applied).toBe('light');
    expect(changes()).toBe(before);
  });

  it('remembers the choice in storage, and System removes it', () => {
    const { store, storage } = setUp({ dark: true });
    store.choose('high-contrast');
    expect(storage.getItem(THEME_STORAGE_KEY)).toBe('high-contrast');
    expect(setUp({ storage }).store.getState().choice).toBe('high-contrast');
    store.choose('system');
    expect(storage.getItem(THEME_STORAGE_KEY)).toBeNull();
  });

  it('ignores a stored value it does not know, and storage that refuses', () => {
    expect(setUp({ stored: 'sepia', dark: true }).store.getState()).toEqual({
      choice: 'system',
      applied: 'dark',
      forcedColors: false,
    });
    const refusing = {
      ...memoryStorage(),
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const { store } = setUp({ storage: refusing });
    expect(store.getState().choice).toBe('system');
    // The choice still holds for this page.
    store.choose('dark');
    expect(store.getState().applied).toBe('dark');
  });

  it("takes another tab's choice", () => {
    const { store, storage, win } = setUp();
    storage.setItem(THEME_STORAGE_KEY, 'dark');
    win.dispatchEvent(Object.assign(new Event('storage'), { key: THEME_STORAGE_KEY }));
    expect(store.getState().choice).toBe('dark');
  });

  it('stops listening to the OS when nobody listens to it', () => {
    const { store, dark, unsubscribe } = setUp();
    unsubscribe();
    dark.set(true);
    expect(store.getState().applied).toBe('light');
    // What changed meanwhile is read on the next subscription.
    store.subscribe(() => undefined);
    expect(store.getState().applied).toBe('dark');
  });
});
