// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LazyPart, lazyNamed, preloadLazyParts } from './lazy-part';

afterEach(cleanup);

/** Renders, and lets the part's download (a resolved or rejected promise) settle inside act. */
async function inFluent(ui: ReactNode) {
  let result: ReturnType<typeof render> | undefined;
  await act(async () => {
    result = render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return result!;
}

/** A part whose download fails while "offline", as a lost connection makes it do. */
function flakyPart(text: string, offline: boolean) {
  const net = { offline, attempts: 0 };
  const Part = lazyNamed(() => {
    net.attempts += 1;
    return net.offline
      ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
      : Promise.resolve({ Part: () => <p>{text}</p> });
  }, 'Part');
  return { Part, net };
}

describe('lazily loaded parts', () => {
  it('say which part could not be downloaded, and load it on "Try again"', async () => {
    // React reports the load failure its boundary caught; that is the case under test.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { Part, net } = flakyPart('The toolbar', true);
    await inFluent(
      <LazyPart name="the toolbar">
        <Part />
      </LazyPart>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the toolbar');
    expect(alert.textContent).toContain('Failed to fetch dynamically imported module');

    net.offline = false;
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(await screen.findByText('The toolbar')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a quiet part keeps its placeholder, and recovers when another part loads', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const quiet = flakyPart('Bulk reprocess', true);
    const loud = flakyPart('Search and filters', true);
    await inFluent(
      <>
        <LazyPart name="bulk reprocess" quietFallback={<p>placeholder</p>}>
          <quiet.Part />
        </LazyPart>
        <LazyPart name="the search and filters">
          <loud.Part />
        </LazyPart>
      </>,
    );
    await screen.findByRole('alert');
    expect(screen.getByText('placeholder')).toBeTruthy();
    // Only one message, from the part that speaks for both.
    expect(screen.getAllByRole('alert')).toHaveLength(1);

    quiet.net.offline = false;
    loud.net.offline = false;
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(await screen.findByText('Search and filters')).toBeTruthy();
    expect(await screen.findByText('Bulk reprocess')).toBeTruthy();
    expect(screen.queryByText('placeholder')).toBeNull();
  });

  it('a quiet part alone tries again when the browser is back online', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const menu = flakyPart('Account menu', true);
    await inFluent(
      <LazyPart name="the account menu" quietFallback={<p>plain button</p>}>
        <menu.Part />
      </LazyPart>,
    );
    expect(screen.getByText('plain button')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    menu.net.offline = false;
    await act(async () => {
      window.dispatchEvent(new Event('online'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(await screen.findByText('Account menu')).toBeTruthy();
  });

  it('a part that breaks while running says so, even where a failed download would be quiet', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Broken = lazyNamed(
      () =>
        Promise.resolve({
          Broken: (): never => {
            throw new Error('bad data');
          },
        }),
      'Broken',
    );
    await inFluent(
      <LazyPart name="the toolbar" quietFallback={<p>placeholder</p>}>
        <Broken />
      </LazyPart>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong in the toolbar');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(alert.textContent).toContain('bad data');
    expect(screen.queryByText('placeholder')).toBeNull();
  });

  it('once loaded, renders at once on later mounts', async () => {
    const { Part, net } = flakyPart('Details', false);
    const first = await inFluent(
      <LazyPart name="the details">
        <Part />
      </LazyPart>,
    );
    await screen.findByText('Details');
    first.unmount();
    await inFluent(
      <LazyPart name="the details" fallback={<p>loading</p>}>
        <Part />
      </LazyPart>,
    );
    // No fallback frame: the component is already there.
    expect(screen.getByText('Details')).toBeTruthy();
    expect(screen.queryByText('loading')).toBeNull();
    expect(net.attempts).toBe(1);
  });

  it('a part loaded ahead (while the browser was idle) shows on its first mount without a fallback', async () => {
    const { Part, net } = flakyPart('Drawer', false);
    await act(() => preloadLazyParts());
    await inFluent(
      <LazyPart name="the drawer" fallback={<p>loading</p>}>
        <Part />
      </LazyPart>,
    );
    expect(screen.getByText('Drawer')).toBeTruthy();
    expect(net.attempts).toBe(1);
  });
});
