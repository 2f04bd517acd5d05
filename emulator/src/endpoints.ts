// Where the emulator listens. Loopback only. Ports can be moved with environment variables,
// but public/config.json and the e2e suite assume these defaults.
const port = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${name} must be a TCP port, got ${raw}`);
  return n;
};

export const HOST = '127.0.0.1';
/** Entra ID emulator (https; MSAL refuses http authorities). */
export const IDP_PORT = port('EMULATOR_IDP_PORT', 8443);
/** Microsoft Graph emulator (https, same certificate). */
export const GRAPH_PORT = port('EMULATOR_GRAPH_PORT', 8444);
/** Control API for tests and benchmarks (http). Never named in the app's configuration. */
export const CONTROL_PORT = port('EMULATOR_CONTROL_PORT', 8445);

// "localhost" rather than 127.0.0.1 in URLs: the certificate names both, and MSAL's
// knownAuthorities entry is "localhost:8443".
export const IDP_ORIGIN = `https://localhost:${IDP_PORT}`;
export const GRAPH_ORIGIN = `https://localhost:${GRAPH_PORT}`;
export const CONTROL_ORIGIN = `http://127.0.0.1:${CONTROL_PORT}`;
