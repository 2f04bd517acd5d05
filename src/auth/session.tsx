import {
  CacheLookupPolicy,
  InteractionRequiredAuthError,
  type AccountInfo,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Spinner } from '../components/spinner';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { graphScopes, type AppConfig } from '../config/app-config';
import { createGraphClient, type GraphClient } from '../graph/graph-client';
import { t } from '../i18n/i18n';
import { acquireToken, hasPermission } from './access-token';

export interface Session {
  /** Unmounts everything that reads Graph, clears every cached answer, then leaves. */
  leave: (how: 'sign-out' | 'switch-account') => void;
  config: AppConfig;
  graph: GraphClient;
  scopes: ReturnType<typeof graphScopes>;
  account: AccountInfo;
}

const SessionContext = createContext<Session | null>(null);

/** Gives the signed-in part of the app its account, configuration and Graph client. */
export function SessionProvider({
  config,
  account,
  children,
}: {
  config: AppConfig;
  account: AccountInfo;
  children: ReactNode;
}) {
  const { instance } = useMsal();
  const graph = useMemo(
    () =>
      createGraphClient({
        baseUrl: config.graphBaseUrl,
        apiVersion: config.graphApiVersion,
        getAccessToken: async (scopes) => (await acquireToken(instance, scopes)).accessToken,
      }),
    [config, instance],
  );
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState<'sign-out' | 'switch-account'>();
  const value = useMemo(
    () => ({ config, graph, scopes: graphScopes(config), account, leave: setLeaving }),
    [config, graph, account],
  );
  useEffect(() => {
    if (!leaving) return;
    // The pages are unmounted by now: clearing the cache cannot make them fetch again as the
    // account that is leaving.
    queryClient.clear();
    const redirect =
      leaving === 'sign-out'
        ? instance.logoutRedirect({ account })
        : instance.loginRedirect({ scopes: [graphScopes(config).read], prompt: 'select_account' });
    redirect.catch(() => setLeaving(undefined));
  }, [leaving, queryClient, instance, account, config]);
  if (leaving) {
    return (
      <Spinner
        label={
          leaving === 'sign-out'
            ? t({ id: 'auth.signingOut', defaultMessage: 'Signing out…' })
            : t({ id: 'auth.switchingAccount', defaultMessage: 'Switching account…' })
        }
        style={{ marginTop: '20vh' }}
      />
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

export interface GraphAccess {
  /** Scopes granted in the signed-in user's Graph token (Entra lists every consented one). */
  grantedScopes: readonly string[];
  canReprocess: boolean;
  canReadAuditLog: boolean;
}

/**
 * Asks Entra silently (MSAL's cache, then its refresh token; never a prompt) for a token with
 * `scope`: true when it comes, false when Entra says the user must act first (consent missing,
 * interaction_required). Any other failure (network, service) is thrown.
 */
async function silentlyGranted(
  instance: IPublicClientApplication,
  account: AccountInfo,
  scope: string,
): Promise<boolean> {
  try {
    await instance.acquireTokenSilent({ scopes: [scope], account });
    return true;
  } catch (error) {
    if (error instanceof InteractionRequiredAuthError) return false;
    throw error;
  }
}

function graphAccessKey(account: AccountInfo, scopes: Session['scopes']) {
  return ['graph-access', account.homeAccountId, scopes.read] as const;
}

/**
 * What the signed-in user may do, read from the read token's scopes (requested at sign-in anyway;
 * Entra lists every consented Graph permission in it), so no write permission is requested just
 * to find out. An administrator may grant one later: useWriteAccess's `checkAgain` and
 * useAuditLogAccess ask Entra again and update this answer.
 */
export function useGraphAccess() {
  const { instance } = useMsal();
  const { scopes, account } = useSession();
  // The MSAL instance is one for the app's lifetime; the account and scope identify the answer.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return useQuery({
    queryKey: graphAccessKey(account, scopes),
    queryFn: async (): Promise<GraphAccess> => {
      const result = await acquireToken(instance, [scopes.read]);
      return {
        grantedScopes: result.scopes,
        canReprocess: hasPermission(result.scopes, 'EntitlementManagement.ReadWrite.All'),
        // Asked of Entra by the parts that show the audit log (useAuditLogAccess), which update it.
        canReadAuditLog: hasPermission(result.scopes, 'AuditLog.Read.All'),
      };
    },
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Whether the user may read Entra's audit log, asked of Entra (silently) each time a part that
 * shows it opens, and again on `refetch()` ("Check again"). `false` only when Entra says consent
 * is missing; other failures are the query's error.
 */
export function useAuditLogAccess() {
  const { instance } = useMsal();
  const queryClient = useQueryClient();
  const { scopes, account } = useSession();
  // The MSAL instance is one for the app's lifetime; the account and scope identify the answer.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return useQuery({
    queryKey: ['audit-log-access', account.homeAccountId, scopes.auditLog],
    queryFn: async (): Promise<boolean> => {
      const granted = await silentlyGranted(instance, account, scopes.auditLog);
      queryClient.setQueryData<GraphAccess>(graphAccessKey(account, scopes), (old) =>
        old ? { ...old, canReadAuditLog: granted } : old,
      );
      return granted;
    },
    staleTime: 0,
    refetchOnMount: 'always',
    retry: false,
  });
}

/**
 * The permission to reprocess, for the read-only banner: `canWrite` (from useGraphAccess) turns
 * true once Entra grants EntitlementManagement.ReadWrite.All and the user chose `checkAgain()`,
 * which asks Entra silently (never a prompt); `request()` asks for it interactively.
 */
export function useWriteAccess() {
  const { instance } = useMsal();
  const queryClient = useQueryClient();
  const { scopes, account } = useSession();
  const access = useGraphAccess();
  const permission = useWritePermissionRequest();
  const [checking, setChecking] = useState(false);
  const [checkFailed, setCheckFailed] = useState<unknown>();
  const checkAgain = useCallback(async () => {
    setChecking(true);
    setCheckFailed(undefined);
    try {
      const granted = await silentlyGranted(instance, account, scopes.readWrite);
      queryClient.setQueryData<GraphAccess>(graphAccessKey(account, scopes), (old) =>
        old ? { ...old, canReprocess: granted } : old,
      );
    } catch (error) {
      setCheckFailed(error);
    } finally {
      setChecking(false);
    }
  }, [instance, account, scopes, queryClient]);
  return {
    /** undefined until known. */
    canWrite: access.data?.canReprocess,
    checkAgain,
    checking,
    /** Why the last check could not get an answer from Entra (network, service). */
    checkFailed,
    request: permission.request,
    status: permission.status,
    requestError: permission.error,
  };
}

/** Sign-out and account switching clear every cached Graph answer first. */
export function useAccountActions() {
  const { leave } = useSession();
  return useMemo(
    () => ({ signOut: () => leave('sign-out'), switchAccount: () => leave('switch-account') }),
    [leave],
  );
}

// Set before the consent redirect, read once when the app comes back: MSAL's redirect error is
// consumed by the sign-in gate, and the app must still say what happened.
const WRITE_CONSENT_MARKER = 'reprocess-desk.write-consent-requested';

export type WritePermissionStatus =
  /** Back from Entra with the permission granted. */
  | 'granted'
  /** Back from Entra without it (an administrator must approve it, or the user cancelled). */
  | 'not-granted'
  /** The redirect to Entra could not start; `error` says why. */
  | 'failed'
  | undefined;

/**
 * Incremental consent: asks Entra for EntitlementManagement.ReadWrite.All only when the user
 * chooses to (never at sign-in or on load, so an auditor is never prompted just by opening the
 * app). `status` tells what came of the last request, including after coming back from Entra.
 */
export function useWritePermissionRequest() {
  const { instance } = useMsal();
  const queryClient = useQueryClient();
  const { scopes, account } = useSession();
  const [failure, setFailure] = useState<{ error: unknown } | undefined>();
  const request = useCallback(async () => {
    setFailure(undefined);
    try {
      sessionStorage.setItem(WRITE_CONSENT_MARKER, account.homeAccountId);
      await instance.acquireTokenRedirect({ scopes: [scopes.readWrite], account });
    } catch (error) {
      sessionStorage.removeItem(WRITE_CONSENT_MARKER);
      setFailure({ error });
    }
  }, [instance, scopes.readWrite, account]);
  // The MSAL instance is one for the app's lifetime; the account and scope identify the answer.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  const returned = useQuery({
    queryKey: ['write-consent-return', account.homeAccountId, scopes.readWrite],
    queryFn: async (): Promise<'granted' | 'not-granted' | 'none'> => {
      if (sessionStorage.getItem(WRITE_CONSENT_MARKER) !== account.homeAccountId) return 'none';
      sessionStorage.removeItem(WRITE_CONSENT_MARKER);
      try {
        // Cache only: a successful redirect left a token for the scope; no request goes out.
        await instance.acquireTokenSilent({
          scopes: [scopes.readWrite],
          account,
          cacheLookupPolicy: CacheLookupPolicy.AccessToken,
        });
      } catch {
        return 'not-granted';
      }
      queryClient.setQueryData<GraphAccess>(graphAccessKey(account, scopes), (old) =>
        old ? { ...old, canReprocess: true } : old,
      );
      return 'granted';
    },
    staleTime: Infinity,
    retry: false,
  });
  const status: WritePermissionStatus = failure
    ? 'failed'
    : returned.data === 'none'
      ? undefined
      : returned.data;
  return { request, status, error: failure?.error };
}
