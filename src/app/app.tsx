import { FluentProvider } from '@fluentui/react-components';
import type { IPublicClientApplication } from '@azure/msal-browser';
import { InteractionStatus } from '@azure/msal-browser';
import { MsalProvider, useAccount, useMsal } from '@azure/msal-react';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { SessionProvider } from '../auth/session';
import { NotifyProvider } from '../components/notify';
import type { AppConfig } from '../config/app-config';
import { AppLayout } from './app-layout';
import { createQueryClient } from './query-client';
import { PartBoundary } from '../components/part-boundary';
import { useReportedProblem } from '../components/error-reporter';
import { LazyPart, lazyNamed } from '../components/lazy-part';
import { Spinner } from '../components/spinner';
import { t } from '../i18n/i18n';
import { useLocale } from '../i18n/react';
import { FLUENT_THEMES, useThemeState } from './theme';

// Only a signed-out visitor sees it: a signed-in page does not download it.
const SignInPage = lazyNamed(() => import('../auth/sign-in-page'), 'SignInPage');
const ProblemNotice = lazyNamed(() => import('../components/problem-notice'), 'ProblemNotice');

/** The calm message for an unexpected error: loaded only when there is one. */
function ReportedProblem() {
  const problem = useReportedProblem();
  if (!problem) return null;
  return (
    <LazyPart
      name={t({ id: 'app.part.problemNotice', defaultMessage: 'the problem notice' })}
      quietFallback={null}
    >
      <ProblemNotice />
    </LazyPart>
  );
}

function Gate({ config, redirectError }: { config: AppConfig; redirectError: unknown }) {
  const { instance, inProgress } = useMsal();
  const account = useAccount(instance.getActiveAccount() ?? undefined);
  if (!account) {
    if (inProgress !== InteractionStatus.None && inProgress !== InteractionStatus.Startup) {
      return (
        <Spinner
          label={t({ id: 'app.signingIn', defaultMessage: 'Signing in…' })}
          style={{ marginTop: '20vh' }}
        />
      );
    }
    return (
      <LazyPart
        name={t({ id: 'app.part.signInPage', defaultMessage: 'the sign-in page' })}
        fallback={
          <Spinner
            label={t({ id: 'app.opening', defaultMessage: 'Opening…' })}
            style={{ marginTop: '20vh' }}
          />
        }
      >
        <SignInPage config={config} initialError={redirectError} />
      </LazyPart>
    );
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
  // Every text is formatted in render with `t()`: a new language re-renders the whole tree.
  const locale = useLocale();
  const { applied } = useThemeState();
  return (
    <FluentProvider
      lang={locale}
      theme={FLUENT_THEMES[applied]}
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
        <ReportedProblem />
      </NotifyProvider>
    </FluentProvider>
  );
}
