// Serves the production build (dist/) with Debian's nginx and the repo's server block,
// deploy/nginx/reprocess-desk.conf, for the suite's nginx journey (e2e/nginx.spec.ts):
//   node scripts/nginx-serve.mjs [--port 4180] [--config public/config.json]
// Only what a test machine must differ in is changed: nginx listens on 127.0.0.1:<port> over
// plain http, the root is this checkout's dist/, and the Content-Security-Policy names the hosts
// of the given config.json (the emulator's). nginx runs in the foreground as its own master
// process, with every path in a temporary prefix: no system service and no default site.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nginxTestServerBlock } from './nginx-lib.mjs';

const root = resolve(import.meta.dirname, '..');
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const port = Number(option('--port', '4180'));
const configFile = resolve(root, option('--config', 'public/config.json'));
const dist = join(root, 'dist');

function fail(message) {
  console.error(`nginx-serve: ${message}`);
  process.exit(1);
}
if (!existsSync(NGINX)) fail(`${NGINX} is missing: install Debian's nginx (apt-get install -y nginx).`);
if (!existsSync(join(dist, 'index.html'))) fail('dist/index.html is missing: run `npm run build` first.');

const serverBlock = nginxTestServerBlock(
  readFileSync(join(root, 'deploy/nginx/reprocess-desk.conf'), 'utf8'),
  {
    port,
    root: dist,
    config: JSON.parse(readFileSync(configFile, 'utf8')),
  },
);

const prefix = mkdtempSync(join(tmpdir(), 'reprocess-desk-nginx-'));
// Worker processes run as `nobody` when nginx starts as root: they must be able to enter it.
chmodSync(prefix, 0o755);
for (const dir of ['logs', 'temp']) mkdirSync(join(prefix, dir));
const conf = `# Written by scripts/nginx-serve.mjs; removed when it stops.
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${prefix}/temp/body;
    proxy_temp_path ${prefix}/temp/proxy;
    fastcgi_temp_path ${prefix}/temp/fastcgi;
    uwsgi_temp_path ${prefix}/temp/uwsgi;
    scgi_temp_path ${prefix}/temp/scgi;

${serverBlock}
}
`;
writeFileSync(join(prefix, 'nginx.conf'), conf);

const nginx = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
let stopping = false;
const cleanUp = () => rmSync(prefix, { recursive: true, force: true });
nginx.on('exit', (code, signal) => {
  cleanUp();
  if (!stopping) console.error(`nginx-serve: nginx stopped (${signal ?? code}).`);
  process.exit(stopping ? 0 : (code ?? 1));
});
nginx.on('error', (error) => fail(`cannot start ${NGINX}: ${error.message}`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    // SIGQUIT: nginx's graceful shutdown.
    nginx.kill('SIGQUIT');
  });
}
console.error(`nginx-serve: serving ${dist} on http://localhost:${port} (nginx prefix ${prefix})`);
