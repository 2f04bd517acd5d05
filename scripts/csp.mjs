// Prints the security headers for a config.json, so each tenant and cloud gets its own hosts:
//   node scripts/csp.mjs [config.json]           the header set of the app and of redirect.html
//   node scripts/csp.mjs --csp [config.json]     the app's Content-Security-Policy only
//   node scripts/csp.mjs --nginx [config.json]   the lines for deploy/nginx/reprocess-desk.conf
//   node scripts/csp.mjs --swa [config.json]     a complete staticwebapp.config.json
// The default config.json is public/config.json (the emulator's). See docs/deploy.md.
import { readFileSync } from 'node:fs';
import {
  CACHE,
  contentSecurityPolicy,
  nginxCspBlock,
  securityHeaders,
  staticWebAppConfig,
} from './csp-lib.mjs';

const args = process.argv.slice(2);
const modes = args.filter((a) => a.startsWith('--'));
const files = args.filter((a) => !a.startsWith('--'));
const known = ['--csp', '--nginx', '--swa'];
if (modes.length > 1 || modes.some((m) => !known.includes(m)) || files.length > 1) {
  console.error(`usage: node scripts/csp.mjs [${known.join(' | ')}] [config.json]`);
  process.exit(2);
}
const file = files[0] ?? 'public/config.json';

let config;
try {
  config = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

try {
  switch (modes[0]) {
    case '--csp':
      console.log(contentSecurityPolicy(config));
      break;
    case '--nginx':
      console.log(nginxCspBlock(config));
      break;
    case '--swa':
      console.log(JSON.stringify(staticWebAppConfig(config), null, 2));
      break;
    default: {
      const print = (title, headers) =>
        console.log(
          `${title}\n${Object.entries(headers)
            .map(([k, v]) => `  ${k}: ${v}`)
            .join('\n')}\n`,
        );
      print('Every page (index.html and client routes such as /activity):', securityHeaders(config));
      print(
        '/redirect.html (framed by the app for silent sign-in):',
        securityHeaders(config, { page: 'redirect-bridge' }),
      );
      print('Cache-Control:', {
        'index.html, redirect.html, config.json, client routes': CACHE.revalidate,
        '/assets/*': CACHE.immutable,
        '/favicon.svg': CACHE.short,
      });
    }
  }
} catch (error) {
  console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
