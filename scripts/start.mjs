// `npm start`: the emulator of Entra ID and Microsoft Graph, and the dashboard's dev server.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const children = [];
function run(name, command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping the rest.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('emulator', process.execPath, ['node_modules/tsx/dist/cli.mjs', 'emulator/src/main.ts']);
run('dashboard', process.execPath, ['node_modules/vite/bin/vite.js', '--strictPort']);

async function ready(url) {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  return false;
}

const [emulatorUp, appUp] = await Promise.all([
  ready('http://127.0.0.1:8445/health'),
  ready('http://localhost:5173/'),
]);
if (emulatorUp && appUp) {
  console.log(`
  Reprocess Desk is running on the built-in Entra ID and Microsoft Graph emulator.

    Open  http://localhost:5173

  Sign in, then pick a demo user on the emulator's account picker
  (Avery Howard is a helpdesk agent who can reprocess).

  The emulator uses a self-signed certificate (emulator/.cert/cert.pem). If the browser
  blocks sign-in, open https://localhost:8443/ once and accept it, or trust the certificate
  (see README, "The certificate"). Stop with Ctrl+C.
`);
} else {
  console.error('The emulator or the dashboard did not start; see the messages above.');
  stop(1);
}
