// The session's reprocess engine, built from the session's configuration. Its own chunk: the
// queue's first rows do not need it, so it loads right after them (or on the first reprocess).
import type { IPublicClientApplication } from '@azure/msal-browser';
import type { AppConfig } from '../../../config/app-config';
import { createGraphClient } from '../../../graph/graph-client';
import type { ActivityRecorder } from '../../../record/activity-record';
import { ReprocessEngine, type NetworkStatus } from '../../../reprocess/engine';
import { createMsalEngineAuth, createSilentTokens } from '../../../reprocess/msal-auth';
import { createWebLocks } from '../../../reprocess/request-locks';
import { createStorageJournal } from '../../../reprocess/run-journal';
import { FAILED_STATES, fromGraph, stateLabel } from '../model';
import { requestsEndpoints } from './requests-api';

const browserNetwork: NetworkStatus = {
  online: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
  subscribe: (listener) => {
    const on = () => listener(true);
    const off = () => listener(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  },
};

export interface EngineSetup {
  msal: IPublicClientApplication;
  config: Pick<AppConfig, 'graphBaseUrl' | 'graphApiVersion'>;
  scopes: { read: string; readWrite: string };
  recorder: ActivityRecorder;
  /** Per user and tenant: the locks and the journal are this account's. */
  scope: string;
}

export function createEngine({ msal, config, scopes, recorder, scope }: EngineSetup): ReprocessEngine {
  const endpoints = requestsEndpoints(config.graphApiVersion);
  const bridge = new URL('/redirect.html', window.location.origin).href;
  const tokens = createSilentTokens(msal, bridge);
  return new ReprocessEngine({
    // Silent-only tokens: the engine pauses a run for sign-in rather than let a redirect lose it.
    client: createGraphClient({
      baseUrl: config.graphBaseUrl,
      apiVersion: config.graphApiVersion,
      getAccessToken: (s) => tokens.get(s),
    }),
    scopes: { read: scopes.read, write: scopes.readWrite },
    paths: {
      reprocess: (id) => endpoints.reprocessPath(id),
      request: (id) => `${endpoints.collectionPath}/${encodeURIComponent(id)}?$expand=${endpoints.expand}`,
      readState: (json) => {
        const req = fromGraph(json, config.graphApiVersion);
        if (!req) return undefined;
        return {
          state: req.stateRaw,
          label: stateLabel(req),
          failed: req.state !== 'unknown' && FAILED_STATES.includes(req.state),
          inProgress: req.state === 'submitted' || req.state === 'delivering',
          ...(req.status !== undefined && { status: req.status }),
        };
      },
    },
    recorder,
    locks: createWebLocks(scope),
    auth: createMsalEngineAuth(msal, bridge, tokens),
    network: browserNetwork,
    journal: createStorageJournal(scope),
  });
}
