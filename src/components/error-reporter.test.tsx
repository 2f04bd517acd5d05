// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dismissProblem, reportError, reportWindowErrors } from './error-reporter';
import { LazyLoadError } from './lazy-load-error';
import { ProblemNotice } from './problem-notice';

afterEach(() => {
  cleanup();
  act(() => dismissProblem());
});

function renderNotice() {
  return render(
    <FluentProvider theme={webLightTheme}>
      <ProblemNotice />
    </FluentProvider>,
  );
}

describe('the error reporter', () => {
  it('turns an unhandled rejection into one calm notice, and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const target = new EventTarget() as unknown as Window;
    reportWindowErrors(target);
    renderNotice();
    expect(screen.queryByRole('note')).toBeNull();

    const event = new Event('unhandledrejection', { cancelable: true });
    Object.assign(event, { reason: new Error('Graph went away') });
    act(() => void target.dispatchEvent(event));
    expect(event.defaultPrevented).toBe(true);
    expect(logged).toHaveBeenCalledWith('Reprocess Desk: unhandled rejection:', expect.any(Error), '');
    const notice = screen.getByRole('note');
    expect(notice.textContent).toContain('Something did not work as expected');
    expect(notice.textContent).toContain('Graph went away');

    act(() => reportError(new Error('again'), 'recoverable'));
    expect(screen.getByRole('note').textContent).toContain('again, and 1 more');

    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('leaves errors a boundary shows, and failed downloads, to the part that shows them', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderNotice();
    act(() => reportError(new Error('render failed'), 'caught'));
    act(() => reportError(new LazyLoadError(new TypeError('Failed to fetch')), 'unhandled rejection'));
    expect(screen.queryByRole('note')).toBeNull();
    // The caught one is still logged for whoever investigates; the download failure is not a defect.
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
