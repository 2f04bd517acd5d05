// `npm run emulator`: the identity provider, Graph and the control API on their default ports.
// Output goes to stderr: Playwright's webServer ignores stdout by default.
import { startEmulator, type RunningEmulator } from './start.ts';

let emulator: RunningEmulator;
try {
  emulator = await startEmulator();
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code;
  process.stderr.write(
    code === 'EADDRINUSE'
      ? `Cannot start the emulator: ${(err as Error).message}. Is another emulator running? ` +
          'Ports move with EMULATOR_IDP_PORT, EMULATOR_GRAPH_PORT and EMULATOR_CONTROL_PORT.\n'
      : `Cannot start the emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
}
process.stderr.write(
  [
    `Entra ID emulator   ${emulator.idpOrigin}`,
    `Graph emulator      ${emulator.graphOrigin}`,
    `Control API         ${emulator.controlOrigin}`,
    `TLS certificate     ${emulator.certPath ?? '(none)'}`,
    '',
  ].join('\n'),
);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`${signal}: stopping the emulator\n`);
  emulator.close().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`could not stop cleanly: ${String(err)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
