// The configuration the unit tests sign in with: the app's own shape, on hosts that never resolve.
import type { AppConfig } from '../config/app-config';

export const TEST_GRAPH = 'https://graph.example.test';

export const TEST_CONFIG: AppConfig = {
  clientId: '7c1f4a2d-3b8e-4f60-a9d5-2e6b1c8f0a37',
  authority: 'https://login.example.test/tenant',
  knownAuthorities: ['login.example.test'],
  redirectUri: 'http://localhost/',
  postLogoutRedirectUri: 'http://localhost/',
  graphBaseUrl: TEST_GRAPH,
  graphApiVersion: 'v1.0',
};
