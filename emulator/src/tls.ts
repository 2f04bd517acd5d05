// The emulator's TLS certificate. MSAL rejects http authorities (`authority_uri_insecure`), even on
// localhost, so the identity provider and Graph serve https with a certificate made here at first start.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

const DEFAULT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../.cert');
const VALIDITY_DAYS = 365;
/** A certificate this close to expiry is replaced, so a long-running emulator does not start failing mid-session. */
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

export interface Certificate {
  cert: string;
  key: string;
  /** Path of cert.pem: what NODE_EXTRA_CA_CERTS or `certutil` should trust. */
  certPath: string;
}

/**
 * Returns the emulator's certificate from `dir` (default `emulator/.cert`), creating it when absent,
 * unreadable, expired or not what this code would make. Reusing it keeps a certificate a person has
 * trusted once (NSS `certutil`, NODE_EXTRA_CA_CERTS) valid across restarts.
 */
export async function loadOrCreateCertificate(dir: string = DEFAULT_DIR): Promise<Certificate> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  const existing = await readUsable(certPath, keyPath);
  if (existing) return { ...existing, certPath };

  const created = await createCertificate();
  await mkdir(dir, { recursive: true });
  // Key first, then certificate, each written whole and renamed into place: a reader never sees half a file,
  // and a certificate on disk always has its key beside it.
  await writeAtomically(keyPath, created.key, 0o600);
  await writeAtomically(certPath, created.cert, 0o644);
  return { ...created, certPath };
}

async function readUsable(
  certPath: string,
  keyPath: string,
): Promise<{ cert: string; key: string } | undefined> {
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const x509 = new X509Certificate(cert);
    if (Date.parse(x509.validTo) - Date.now() < RENEW_BEFORE_MS) return undefined;
    if (Date.parse(x509.validFrom) > Date.now()) return undefined;
    if (!x509.ca || !x509.checkPrivateKey(createPrivateKey(key))) return undefined;
    const san = x509.subjectAltName ?? '';
    if (!san.includes('DNS:localhost') || !san.includes('IP Address:127.0.0.1')) return undefined;
    return { cert, key };
  } catch {
    // Missing, unreadable or corrupt files all mean the same thing: make a new certificate.
    return undefined;
  }
}

async function createCertificate(): Promise<{ cert: string; key: string }> {
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000); // tolerate a little clock skew
  const notAfterDate = new Date(notBeforeDate.getTime() + VALIDITY_DAYS * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'Reprocess Desk emulator (localhost)' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      // Its own CA: trusting this one certificate (NSS, NODE_EXTRA_CA_CERTS) is then enough for every client.
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      // URLs say "localhost" (MSAL's knownAuthorities) while the servers bind 127.0.0.1: name both.
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, text, { mode });
  await rename(temp, path);
}
