// `npm start`: the emulator of Entra ID and Microsoft Graph, and the production build of the
// dashboard (built when dist/ is older than the sources) served by `vite preview` on
// http://localhost:5173. `npm run dev` (`--dev`) serves the sources with Vite's hot-reloading dev
// server instead: every module is compiled on first request, so its first page load takes
// seconds, where the build shows its first rows in well under one (README, `npm run bench`).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
const started = performance.now();
const EMULATOR_HEALTH = 'http://127.0.0.1:8445/health';
const APP = 'http://localhost:5173/';
const vite = join(root, 'node_modules/vite/bin/vite.js');

const children = [];
let stopping = false;
function run(name, args, { keepAlive = true } = {}) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: process.env,
  });
  child.on('exit', (code, signal) => {
    if (!stopping && keepAlive) {
      console.error(`${name} stopped (${signal ?? code}); stopping the rest.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function up(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function ready(url, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await up(url)) return true;
    await sleep(250);
  }
  return false;
}

/** The newest modification time under the given paths (files and directories, recursively). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    latest = Math.max(latest, stat.mtimeMs);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  for (const path of paths) visit(join(root, path));
  return latest;
}

/** Whether dist/ was built after every input of the build changed. */
function buildIsCurrent() {
  const built = join(root, 'dist/index.html');
  if (!existsSync(built)) return false;
  const inputs = ['src', 'public', 'index.html', 'redirect.html', 'vite.config.ts', 'package-lock.json'];
  return statSync(built).mtimeMs > newest(inputs);
}

function build() {
  return new Promise((resolveBuild, rejectBuild) => {
    const child = run('vite build', [vite, 'build'], { keepAlive: false });
    child.on('exit', (code) =>
      code === 0 ? resolveBuild() : rejectBuild(new Error(`vite build failed (${code})`)),
    );
  });
}

// The emulator may already be running (`npm run emulator` in another terminal): use it.
const emulatorRunning = await up(EMULATOR_HEALTH);
if (!emulatorRunning) run('emulator', [join(root, 'node_modules/tsx/dist/cli.mjs'), 'emulator/src/main.ts']);

// The dashboard is served once the emulator answers, so the page is usable as soon as it loads
// (and a check of the dashboard's URL, like the benchmark's, means both are up).
const emulatorReady = ready(EMULATOR_HEALTH, 60);
if (dev) {
  if (await emulatorReady) run('dev server', [vite, '--strictPort']);
} else {
  if (buildIsCurrent()) {
    console.log('dist/ is up to date with the sources: serving it.');
  } else {
    console.log('Building the dashboard (vite build)…');
    try {
      await build();
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      stop(1);
    }
  }
  if (!stopping && (await emulatorReady))
    run('dashboard', [vite, 'preview', '--port', '5173', '--strictPort']);
}

const emulatorUp = await emulatorReady;
const appUp = emulatorUp && !stopping && (await ready(APP, 60));
if (stopping) {
  // a child failed; its message is above
} else if (emulatorUp && appUp) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`
  Reprocess Desk is running on the built-in Entra ID and Microsoft Graph emulator
  (${dev ? 'the hot-reloading dev server' : 'the production build'}, ready in ${seconds} s).

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
