import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_STYLE_HASH,
  PERMISSIONS_POLICY,
  STRICT_TRANSPORT_SECURITY,
  configOrigins,
  contentSecurityPolicy,
  nginxCspBlock,
  securityHeaders,
  staticWebAppConfig,
  withNginxCspBlock,
} from './csp-lib.mjs';
import { nginxTestServerBlock, serverBlocks } from './nginx-lib.mjs';

const root = resolve(import.meta.dirname, '..');
const read = (path) => readFileSync(resolve(root, path), 'utf8');
const TENANT = '4e2b7c19-8a35-4d6f-b1e0-93c7a5d2f816';

// The clouds of the README's table, as a deployment's config.json names them.
const GLOBAL = {
  authority: `https://login.microsoftonline.com/${TENANT}`,
  graphBaseUrl: 'https://graph.microsoft.com',
};
const US_GOV_DOD = {
  authority: `https://login.microsoftonline.us/${TENANT}`,
  graphBaseUrl: 'https://dod-graph.microsoft.us',
};
const CHINA = {
  authority: `https://login.chinacloudapi.cn/${TENANT}`,
  graphBaseUrl: 'https://microsoftgraph.chinacloudapi.cn',
};

/** A policy as a map of directive name to its sources. */
function directives(policy) {
  return new Map(
    policy.split('; ').map((d) => {
      const [name, ...sources] = d.split(' ');
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('allows the global cloud sign-in and Graph hosts only, with nothing inline or evaluated', () => {
    expect(contentSecurityPolicy(GLOBAL)).toBe(
      [
        "default-src 'none'",
        "script-src 'self'",
        `style-src 'self' ${EMPTY_STYLE_HASH}`,
        "img-src 'self'",
        "manifest-src 'self'",
        "connect-src 'self' https://login.microsoftonline.com https://graph.microsoft.com",
        "frame-src 'self' https://login.microsoftonline.com",
        'form-action https://login.microsoftonline.com',
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
      ].join('; '),
    );
    expect(contentSecurityPolicy(GLOBAL)).not.toMatch(/unsafe-|\*|data:|http:/);
  });

  it.each([
    ['US Government L5', US_GOV_DOD, 'https://login.microsoftonline.us', 'https://dod-graph.microsoft.us'],
    ['China', CHINA, 'https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'],
    [
      'the emulator',
      JSON.parse(read('public/config.json')),
      'https://localhost:8443',
      'https://localhost:8444',
    ],
  ])('names the hosts of %s', (_cloud, config, signIn, graph) => {
    const policy = directives(contentSecurityPolicy(config));
    expect(policy.get('connect-src')).toEqual(["'self'", signIn, graph]);
    expect(policy.get('frame-src')).toEqual(["'self'", signIn]);
    expect(policy.get('form-action')).toEqual([signIn]);
    expect(contentSecurityPolicy(config)).not.toContain('microsoftonline.com');
  });

  it('lets only the app itself frame redirect.html', () => {
    expect(directives(contentSecurityPolicy(GLOBAL)).get('frame-ancestors')).toEqual(["'none'"]);
    expect(
      directives(contentSecurityPolicy(GLOBAL, { page: 'redirect-bridge' })).get('frame-ancestors'),
    ).toEqual(["'self'"]);
    expect(securityHeaders(GLOBAL)['X-Frame-Options']).toBe('DENY');
    expect(securityHeaders(GLOBAL, { page: 'redirect-bridge' })['X-Frame-Options']).toBe('SAMEORIGIN');
  });

  it('keeps the path and port out, and names a host once when sign-in and Graph share it', () => {
    const policy = directives(
      contentSecurityPolicy({
        authority: 'https://proxy.contoso.com:8443/tenant',
        graphBaseUrl: 'https://proxy.contoso.com:8443/graph',
      }),
    );
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://proxy.contoso.com:8443']);
  });

  it('hashes the empty string for the empty <style> elements Griffel fills through the CSSOM', async () => {
    const { createHash } = await import('node:crypto');
    expect(EMPTY_STYLE_HASH).toBe(`'sha256-${createHash('sha256').update('').digest('base64')}'`);
  });

  it.each([
    [{ graphBaseUrl: 'https://graph.microsoft.com' }, 'config.json: authority is missing'],
    [{ ...GLOBAL, authority: 'http://login.microsoftonline.com/x' }, 'config.json: authority must be https'],
    [{ ...GLOBAL, graphBaseUrl: 'graph.microsoft.com' }, 'config.json: graphBaseUrl is not a URL'],
    [[], 'config.json must be a JSON object'],
    [null, 'config.json must be a JSON object'],
  ])('refuses %j', (config, message) => {
    expect(() => configOrigins(config)).toThrow(message);
  });
});

describe('securityHeaders', () => {
  it('sends the full header set', () => {
    expect(securityHeaders(GLOBAL)).toEqual({
      'Content-Security-Policy': contentSecurityPolicy(GLOBAL),
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Strict-Transport-Security': 'max-age=63072000',
      'Permissions-Policy': PERMISSIONS_POLICY,
    });
    expect(PERMISSIONS_POLICY).toContain('camera=()');
    expect(PERMISSIONS_POLICY).toContain('clipboard-write=(self)');
  });
});

describe('the configs in the repo', () => {
  const conf = read('deploy/nginx/reprocess-desk.conf');

  it('deploy/nginx/reprocess-desk.conf holds the global cloud policy and the same headers', () => {
    expect(withNginxCspBlock(conf, GLOBAL), 'run: node scripts/csp.mjs --nginx <global config.json>').toBe(
      conf,
    );
    expect(conf).toContain(`add_header Permissions-Policy "${PERMISSIONS_POLICY}" always;`);
    expect(conf).toContain(`add_header Strict-Transport-Security "${STRICT_TRANSPORT_SECURITY}" always;`);
  });

  it('public/staticwebapp.config.json is the one generated for the global cloud', () => {
    expect(JSON.parse(read('public/staticwebapp.config.json'))).toEqual(staticWebAppConfig(GLOBAL));
  });

  it('an nginx config gets another cloud by its generated block', () => {
    const china = withNginxCspBlock(conf, CHINA);
    expect(china).toContain(nginxCspBlock(CHINA));
    expect(china).not.toContain('login.microsoftonline.com');
    expect(() => withNginxCspBlock('server {}', CHINA)).toThrow('must hold');
  });
});

describe('nginxTestServerBlock', () => {
  const conf = read('deploy/nginx/reprocess-desk.conf');
  const config = JSON.parse(read('public/config.json'));

  it('serves the app block over http on 127.0.0.1 from the given root, with the given hosts', () => {
    expect(serverBlocks(conf)).toHaveLength(2);
    const block = nginxTestServerBlock(conf, { port: 4180, root: '/tmp/x/dist', config });
    expect(block.match(/^\s*listen .*;$/gm)).toEqual(['    listen 127.0.0.1:4180;']);
    expect(block).toContain('    root "/tmp/x/dist";');
    expect(block).toContain('    server_name localhost;');
    expect(block).not.toMatch(/ssl|return 301/);
    expect(block).toContain(contentSecurityPolicy(config));
    expect(block).toContain('location /assets/');
  });

  it('fails loudly when the config no longer has what it changes', () => {
    expect(() =>
      nginxTestServerBlock(conf.replace(/^\s*root .*$/m, ''), { port: 4180, root: '/x', config }),
    ).toThrow('expected one server block with a root, found 0');
    expect(() =>
      nginxTestServerBlock(
        conf.replace(/server_name desk.contoso.com;/, 'server_name a;\n    server_name b;'),
        {
          port: 4180,
          root: '/x',
          config,
        },
      ),
    ).toThrow('found 2 server_name lines');
    expect(() => nginxTestServerBlock(conf, { port: 4180, root: '/x";', config })).toThrow('root path');
  });
});
