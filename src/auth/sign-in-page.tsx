import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMsal } from '@azure/msal-react';
import { useState } from 'react';
import { graphScopes, type AppConfig } from '../config/app-config';
import { InlineAlert } from '../components/inline-alert';
import { t } from '../i18n/i18n';
import { describeSignInError } from './sign-in-error';

const useStyles = makeStyles({
  page: { display: 'grid', placeItems: 'center', minHeight: '70vh', padding: tokens.spacingHorizontalXXL },
  card: {
    display: 'grid',
    gap: tokens.spacingVerticalL,
    maxWidth: '560px',
    padding: tokens.spacingHorizontalXXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow8,
  },
});

export function SignInPage({ config, initialError }: { config: AppConfig; initialError?: unknown }) {
  const styles = useStyles();
  const { instance } = useMsal();
  const [error, setError] = useState<unknown>(initialError);
  const problem =
    error === undefined ? undefined : describeSignInError(error, new URL(config.authority).origin);
  return (
    <main className={styles.page}>
      <div className={styles.card}>
        <Text as="h1" size={700} weight="semibold">
          Reprocess Desk
        </Text>
        <Text>
          {t({
            id: 'signIn.intro',
            defaultMessage:
              'One queue of every failed access package assignment request in your tenant. Sign in with your work account to see them and retry delivery.',
          })}
        </Text>
        {problem && (
          <InlineAlert intent="error" title={problem.title}>
            {problem.body}
          </InlineAlert>
        )}
        <div>
          <Button
            appearance="primary"
            size="large"
            onClick={() => {
              setError(undefined);
              instance
                .loginRedirect({ scopes: [graphScopes(config).read], prompt: 'select_account' })
                .catch((e: unknown) => setError(e));
            }}
          >
            {t({ id: 'signIn.button', defaultMessage: 'Sign in' })}
          </Button>
        </div>
      </div>
    </main>
  );
}
