import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateCertificate } from './tls.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-cert-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** GET over TLS trusting only `ca`, as NODE_EXTRA_CA_CERTS would. */
function fetchTrusting(ca: string, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('loadOrCreateCertificate', () => {
  it(
    'creates its own CA certificate for localhost and 127.0.0.1, valid about a year',
    { timeout: 30_000 },
    async () => {
      const created = await loadOrCreateCertificate(dir);
      expect(created.certPath).toBe(join(dir, 'cert.pem'));
      expect(await readFile(created.certPath, 'utf8')).toBe(created.cert);
      expect(await readFile(join(dir, 'key.pem'), 'utf8')).toBe(created.key);
      expect((await stat(join(dir, 'key.pem'))).mode & 0o077).toBe(0);

      const x509 = new X509Certificate(created.cert);
      expect(x509.ca).toBe(true);
      expect(x509.subjectAltName).toContain('DNS:localhost');
      expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
      const days = (Date.parse(x509.validTo) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(360);
      expect(days).toBeLessThan(370);

      // A client that trusts just this certificate reaches the server by either name.
      const server = createServer({ cert: created.cert, key: created.key }, (_req, res) => res.end('ok'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        expect(await fetchTrusting(created.cert, `https://localhost:${port}/`)).toBe(200);
        expect(await fetchTrusting(created.cert, `https://127.0.0.1:${port}/`)).toBe(200);
      } finally {
        server.close();
      }
    },
  );

  it('reuses the certificate on the next start', { timeout: 30_000 }, async () => {
    const first = await loadOrCreateCertificate(dir);
    const second = await loadOrCreateCertificate(dir);
    expect(second).toEqual(first);
  });

  it('replaces an unreadable or expired certificate', { timeout: 60_000 }, async () => {
    const first = await loadOrCreateCertificate(dir);
    await writeFile(join(dir, 'cert.pem'), 'not a certificate');
    const repaired = await loadOrCreateCertificate(dir);
    expect(repaired.cert).not.toBe(first.cert);
    expect(new X509Certificate(repaired.cert).ca).toBe(true);

    const expired = await generate([{ name: 'commonName', value: 'old' }], {
      algorithm: 'sha256',
      notBeforeDate: new Date(Date.now() - 400 * 86_400_000),
      notAfterDate: new Date(Date.now() - 35 * 86_400_000),
      extensions: [{ name: 'basicConstraints', cA: true }],
    });
    await writeFile(join(dir, 'cert.pem'), expired.cert);
    await writeFile(join(dir, 'key.pem'), expired.private);
    const renewed = await loadOrCreateCertificate(dir);
    expect(renewed.cert).not.toBe(expired.cert);
    expect(Date.parse(new X509Certificate(renewed.cert).validTo)).toBeGreaterThan(Date.now());
  });
});
