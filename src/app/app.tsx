import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { IPublicClientApplication } from '@azure/msal-browser';
import { InteractionStatus } from '@azure/msal-browser';
import { MsalProvider, useAccount, useMsal } from '@azure/msal-react';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { SessionProvider } from '../auth/session';
import { SignInPage } from '../auth/sign-in-page';
import { NotifyProvider } from '../components/notify';
import type { AppConfig } from '../config/app-config';
import { AppLayout } from './app-layout';
import { createQueryClient } from './query-client';
import { PartBoundary } from '../components/part-boundary';
import { ProblemNotice } from '../components/problem-notice';
import { Spinner } from '../components/spinner';

function Gate({ config, redirectError }: { config: AppConfig; redirectError: unknown }) {
  const { instance, inProgress } = useMsal();
  const account = useAccount(instance.getActiveAccount() ?? undefined);
  if (!account) {
    if (inProgress !== InteractionStatus.None && inProgress !== InteractionStatus.Startup) {
      return <Spinner label="Signing in…" style={{ marginTop: '20vh' }} />;
    }
    return <SignInPage config={config} initialError={redirectError} />;
  }
  return (
    // Keyed by account: switching account drops every piece of state tied to the previous one.
    <SessionProvider key={account.homeAccountId} config={config} account={account}>
      <AppLayout />
    </SessionProvider>
  );
}

export function App({
  config,
  msal,
  redirectError,
}: {
  config: AppConfig;
  msal: IPublicClientApplication;
  redirectError?: unknown;
}) {
  const [queryClient] = useState(createQueryClient);
  return (
    <FluentProvider
      theme={webLightTheme}
      style={{ minHeight: '100vh', background: 'var(--colorNeutralBackground2)' }}
    >
      <NotifyProvider>
        <PartBoundary name="Reprocess Desk">
          <MsalProvider instance={msal}>
            <QueryClientProvider client={queryClient}>
              <Gate config={config} redirectError={redirectError} />
            </QueryClientProvider>
          </MsalProvider>
        </PartBoundary>
        <ProblemNotice />
      </NotifyProvider>
    </FluentProvider>
  );
}
