// The pages shown when the dashboard cannot start: configuration, MSAL, or an error no boundary
// caught. Loaded only then (main.tsx), so the first screen does not carry them; plain markup on
// purpose, so they render even when nothing else can be set up. main.tsx starts the language
// beside the configuration, so their texts are in it.
import { AuthError } from '@azure/msal-browser';
import type { ReactNode } from 'react';
import type { ConfigProblem } from '../config/app-config';
import { t } from '../i18n/i18n';
import { tRich } from '../i18n/react';

const code = (chunks: ReactNode[]) => <code>{chunks}</code>;

export function StartupErrorPage({
  title,
  children,
  todo,
}: {
  title: string;
  /** What went wrong. */
  children: ReactNode;
  /** What to do about it. */
  todo: ReactNode;
}) {
  return (
    <main
      style={{
        fontFamily: 'Segoe UI, system-ui, sans-serif',
        maxWidth: 720,
        margin: '10vh auto',
        padding: 24,
        lineHeight: 1.5,
        // A long URL in a problem wraps rather than widening a phone's page.
        overflowWrap: 'anywhere',
      }}
    >
      <h1 style={{ fontSize: 24, fontWeight: 600 }}>{title}</h1>
      {children}
      <h2 style={{ fontSize: 16, fontWeight: 600, marginTop: 24 }}>
        {t({ id: 'startup.whatToDo', defaultMessage: 'What to do' })}
      </h2>
      {todo}
      <p>
        <button type="button" onClick={() => window.location.reload()} style={{ font: 'inherit' }}>
          {t({ id: 'common.reload', defaultMessage: 'Reload' })}
        </button>
      </p>
    </main>
  );
}

export function ConfigErrorPage({ problems }: { problems: readonly ConfigProblem[] }) {
  // The file itself (missing, unreachable, not JSON) or the values in it.
  const fileProblem = problems.some((p) => p.key === 'config.json');
  return (
    <StartupErrorPage
      title={t({ id: 'startup.cannotStart', defaultMessage: 'Reprocess Desk cannot start' })}
      todo={
        fileProblem ? (
          <p>
            {tRich(
              {
                id: 'config.page.todo.file',
                defaultMessage:
                  'Put a <code>config.json</code> next to <code>index.html</code> on the web server (the README’s “Use it with a real tenant” shows one), check that the server sends it as it is, then reload. If the network is down, reload when it is back.',
              },
              { code },
            )}
          </p>
        ) : (
          <p>
            {tRich(
              {
                id: 'config.page.todo.values',
                defaultMessage:
                  'Correct the values named above in <code>config.json</code> on the web server, then reload the page.',
              },
              { code },
            )}
          </p>
        )
      }
    >
      <p>
        {tRich(
          {
            id: 'config.page.intro',
            defaultMessage: 'The runtime configuration <code>/config.json</code> has a problem.',
          },
          { code },
        )}
      </p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.key}:${p.message}`} style={{ marginBottom: 8 }}>
            <code style={{ fontWeight: 600 }}>{p.key}</code>: {p.message}
          </li>
        ))}
      </ul>
    </StartupErrorPage>
  );
}

/** MSAL's initialize() failed: nothing can sign in, so say why and what to do instead of a blank page. */
export function SignInUnavailablePage({ error }: { error: unknown }) {
  const errorCode = error instanceof AuthError ? error.errorCode : undefined;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  // Browsers offer the Web Crypto API MSAL needs (PKCE) only to secure pages: https, or localhost.
  const insecure = !window.isSecureContext;
  const noCrypto = insecure || errorCode === 'crypto_nonexistent';
  return (
    <StartupErrorPage
      title={t({
        id: 'startup.signIn.title',
        defaultMessage: 'Sign-in cannot start in this browser',
      })}
      todo={
        noCrypto ? (
          <p>
            {t({
              id: 'startup.signIn.todo.secure',
              defaultMessage:
                'Serve the dashboard over https (or open it on localhost), in a current browser. Browsers only give pages served over plain http from another host the cryptography that sign-in needs.',
            })}
          </p>
        ) : (
          <p>
            {t({
              id: 'startup.signIn.todo.storage',
              defaultMessage:
                'Reload the page. If this persists, allow this site to store data (private windows and blocked cookies prevent it), or try another browser.',
            })}
          </p>
        )
      }
    >
      <p>
        {insecure
          ? t(
              {
                id: 'startup.signIn.insecure',
                defaultMessage:
                  'The Microsoft sign-in library (MSAL) could not start: this page ({origin}) is not a secure context.',
              },
              { origin: window.location.origin },
            )
          : noCrypto
            ? t({
                id: 'startup.signIn.noCrypto',
                defaultMessage:
                  'The Microsoft sign-in library (MSAL) could not start: this browser does not offer the Web Crypto API it needs.',
              })
            : t({
                id: 'startup.signIn.failed',
                defaultMessage: 'The Microsoft sign-in library (MSAL) could not start.',
              })}
      </p>
      <p>
        <code>
          {errorCode ? `${errorCode}: ` : ''}
          {message}
        </code>
      </p>
    </StartupErrorPage>
  );
}

/** React gave up on the whole app (an error outside every boundary). */
export function CrashPage({ error }: { error: unknown }) {
  return (
    <StartupErrorPage
      title={t({ id: 'startup.crash.title', defaultMessage: 'Something went wrong in Reprocess Desk' })}
      todo={<p>{t({ id: 'startup.reloadPage', defaultMessage: 'Reload the page.' })}</p>}
    >
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </StartupErrorPage>
  );
}
