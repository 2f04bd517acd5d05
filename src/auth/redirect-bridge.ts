// Popups and silent iframes land here: MSAL v5 hands the response back to the main window
// through this bridge (a popup whose redirectUri is the app root times out).
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch(() => {
  document.body.textContent = 'Sign-in could not be completed. Close this window and try again.';
});
