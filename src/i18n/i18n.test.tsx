// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserLocale, chooseLocale, currentLocale, format, startI18n, storedLocale, t } from './i18n';
import { tRich } from './react';

afterEach(async () => {
  localStorage.clear();
  await chooseLocale('en');
  localStorage.clear();
});

describe('languages', () => {
  it('takes the first of the browser’s languages it speaks: any pt is pt-BR, else en', () => {
    expect(browserLocale(['pt-PT', 'en-US'])).toBe('pt-BR');
    expect(browserLocale(['pt'])).toBe('pt-BR');
    expect(browserLocale(['fr-FR', 'en-GB', 'pt-BR'])).toBe('en');
    expect(browserLocale(['de-DE', 'PT-br'])).toBe('pt-BR');
    expect(browserLocale(['ja-JP'])).toBe('en');
    expect(browserLocale([])).toBe('en');
  });

  it('remembers the choice, ignores a bad stored value, and sets <html lang>', async () => {
    localStorage.setItem('reprocess-desk.language', 'klingon');
    expect(storedLocale()).toBeUndefined();
    await chooseLocale('pt-BR');
    expect(storedLocale()).toBe('pt-BR');
    expect(document.documentElement.lang).toBe('pt-BR');
    await startI18n();
    expect(currentLocale()).toBe('pt-BR');
    expect(t({ id: 'common.cancel', defaultMessage: 'Cancel' })).toBe('Cancelar');
  });

  it('formats numbers and plurals in the language in use', async () => {
    const message = { id: 'test.count', defaultMessage: '{n, plural, one {# request} other {# requests}}' };
    expect(t(message, { n: 1 })).toBe('1 request');
    expect(t(message, { n: 1234 })).toBe('1,234 requests');
    await chooseLocale('pt-BR');
    expect(format.number(1234.5)).toBe('1.234,5');
    // A message the catalog lacks falls back to the English text, never to its id.
    expect(t(message, { n: 2 })).toBe('2 requests');
  });
});

describe('formatting errors', () => {
  it('throw for the part that asked (its boundary says so), never show raw ICU syntax', () => {
    const message = {
      id: 'test.broken',
      defaultMessage: 'Keeping {n, plural, one {# action} other {# actions}}',
    };
    expect(() => t(message, {})).toThrow(/FORMAT_ERROR/);
    expect(t(message, { n: 2 })).toBe('Keeping 2 actions');
  });
});

describe('rich messages', () => {
  it('gives keyed React children, so a message with several parts renders without a warning', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { container } = render(
      <p>
        {tRich(
          { id: 'test.rich', defaultMessage: 'Open <b>{page}</b>, then <link>the docs</link>.' },
          {
            page: 'Activity',
            b: (chunks) => <b>{chunks}</b>,
            link: (chunks) => <a href="#docs">{chunks}</a>,
          },
        )}
      </p>,
    );
    expect(container.innerHTML).toBe('<p>Open <b>Activity</b>, then <a href="#docs">the docs</a>.</p>');
    expect(error).not.toHaveBeenCalled();
    error.mockRestore();
    cleanup();
  });
});
