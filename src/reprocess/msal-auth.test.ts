import type { AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMsalEngineAuth, createSilentTokens } from './msal-auth';

const account = { homeAccountId: 'home-1', localAccountId: 'local-1', username: 'avery@contoso.example' };

function fakeMsal(lifetimeMs: number) {
  let issued = 0;
  const acquireTokenSilent = vi.fn(() => {
    issued += 1;
    return Promise.resolve({
      accessToken: `token-${issued}`,
      expiresOn: new Date(Date.now() + lifetimeMs),
    } as AuthenticationResult);
  });
  const msal = {
    getActiveAccount: () => account,
    acquireTokenSilent,
  } as unknown as IPublicClientApplication;
  return { msal, acquireTokenSilent };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createSilentTokens', () => {
  it('asks MSAL once for the calls of a burst, and again after a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { msal, acquireTokenSilent } = fakeMsal(3_600_000);
    const tokens = createSilentTokens(msal);
    const scopes = ['https://graph.microsoft.com/EntitlementManagement.ReadWrite.All'];
    const burst = await Promise.all(Array.from({ length: 10 }, () => tokens.get(scopes)));
    expect(new Set(burst)).toEqual(new Set(['token-1']));
    expect(acquireTokenSilent).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 61_000);
    expect(await tokens.get(scopes)).toBe('token-2');
  });

  it('does not reuse a token within five minutes of its expiry, as MSAL renews it then', async () => {
    const { msal, acquireTokenSilent } = fakeMsal(4 * 60_000);
    const tokens = createSilentTokens(msal);
    expect(await tokens.get(['a'])).toBe('token-1');
    expect(await tokens.get(['a'])).toBe('token-2');
    expect(acquireTokenSilent).toHaveBeenCalledTimes(2);
  });

  it('asks again after a failure, and after a claims challenge was answered', async () => {
    const { msal, acquireTokenSilent } = fakeMsal(3_600_000);
    acquireTokenSilent.mockRejectedValueOnce(new Error('network'));
    const tokens = createSilentTokens(msal);
    await expect(tokens.get(['a'])).rejects.toThrow('network');
    expect(await tokens.get(['a'])).toBe('token-1');
    const auth = createMsalEngineAuth(msal, 'https://app.example/redirect.html', tokens);
    await auth.satisfyClaims(['a'], '{"access_token":{"nbf":{"essential":true}}}');
    // The claims answer was token-2; the next call asks MSAL again rather than reuse token-1.
    expect(await tokens.get(['a'])).toBe('token-3');
  });
});
