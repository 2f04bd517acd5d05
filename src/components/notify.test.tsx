// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TOASTS, NotifyProvider, useNotifications, useNotify, type Notice } from './notify';

const handle: { notify: ReturnType<typeof useNotify>['notify'] } = { notify: () => undefined };
const notify: ReturnType<typeof useNotify>['notify'] = (n, o) => handle.notify(n, o);

function Probe() {
  const { notify: current } = useNotify();
  useEffect(() => {
    handle.notify = current;
  }, [current]);
  const { notices, panelOpen } = useNotifications();
  return (
    <p data-testid="log">
      {notices.length} logged{panelOpen ? ', panel open' : ''}
    </p>
  );
}

function renderProvider() {
  render(
    <FluentProvider theme={webLightTheme}>
      <NotifyProvider>
        <Probe />
      </NotifyProvider>
    </FluentProvider>,
  );
}

const error = (i: number): Notice => ({ intent: 'error', title: `Error ${i}`, body: `Request ${i}` });

describe('NotifyProvider', () => {
  afterEach(cleanup);

  it('shows at most three toasts and folds the rest into one that opens Notifications', async () => {
    const user = userEvent.setup();
    renderProvider();
    act(() => {
      for (let i = 1; i <= 7; i++) notify(error(i));
    });
    expect(MAX_TOASTS).toBe(3);
    for (const i of [1, 2, 3]) expect(await screen.findByText(`Error ${i}`)).toBeTruthy();
    for (const i of [4, 5, 6, 7]) expect(screen.queryByText(`Error ${i}`)).toBeNull();
    expect(await screen.findByText('4 more notices')).toBeTruthy();
    expect(screen.getByTestId('log').textContent).toBe('7 logged');

    await user.click(screen.getByRole('button', { name: 'Open notifications' }));
    expect(screen.getByTestId('log').textContent).toBe('7 logged, panel open');
  });

  it('lists a notice without a toast when asked to (its outcome is on screen)', () => {
    renderProvider();
    act(() => notify(error(1), { toast: false }));
    expect(screen.getByTestId('log').textContent).toBe('1 logged');
    expect(screen.queryByText('Error 1')).toBeNull();
  });

  it('offers the notice action, e.g. Retry', async () => {
    const user = userEvent.setup();
    renderProvider();
    let retried = 0;
    act(() => notify({ ...error(1), action: { label: 'Retry', run: () => retried++ } }));
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(retried).toBe(1);
  });
});
