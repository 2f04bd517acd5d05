// Popups and silent iframes land here: MSAL v5 hands the response back to the main window
// through this bridge (a popup whose redirectUri is the app root times out).
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch(async () => {
  // The language is loaded only when there is something to say, so the bridge that works stays
  // small; startI18n itself falls back to English. If even that cannot be downloaded, English.
  try {
    const { startI18n, t } = await import('../i18n/i18n');
    await startI18n();
    document.body.textContent = t({
      id: 'auth.redirectBridge.failed',
      defaultMessage: 'Sign-in could not be completed. Close this window and try again.',
    });
  } catch {
    document.body.textContent = 'Sign-in could not be completed. Close this window and try again.';
  }
});
