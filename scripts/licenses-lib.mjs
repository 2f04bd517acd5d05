// The pure part of scripts/licenses.mjs: the production dependency tree read from node_modules,
// licence expressions checked against the OSI-approved list, and docs/licenses.md written from it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * SPDX identifiers of OSI-approved licences (https://opensource.org/licenses, as SPDX names them
 * at https://spdx.org/licenses/ with "OSI Approved"). Only the ones a JavaScript tree is likely to
 * hold; add one here after checking it on both lists.
 */
export const OSI_APPROVED = new Set([
  '0BSD',
  'AFL-3.0',
  'Apache-2.0',
  'Artistic-2.0',
  'BlueOak-1.0.0',
  'BSD-1-Clause',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'BSL-1.0',
  'CDDL-1.0',
  'EPL-2.0',
  'ISC',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'MIT',
  'MIT-0',
  'MPL-2.0',
  'NCSA',
  'PostgreSQL',
  'Python-2.0',
  'Unlicense',
  'UPL-1.0',
  'Zlib',
]);

/**
 * Whether an SPDX licence expression is satisfied by OSI-approved licences alone: one side of an
 * OR suffices, both sides of an AND must be. `WITH` exceptions only add permissions.
 * @param {string} expression e.g. "MIT", "(MIT OR Apache-2.0)", "Apache-2.0 WITH LLVM-exception"
 * @returns {boolean}
 */
export function isOsiApproved(expression) {
  const tokens = expression.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').trim().split(/\s+/);
  let i = 0;
  /** @returns {boolean} */
  const or = () => {
    let ok = and();
    while (tokens[i] === 'OR') {
      i++;
      ok = and() || ok;
    }
    return ok;
  };
  /** @returns {boolean} */
  const and = () => {
    let ok = term();
    while (tokens[i] === 'AND') {
      i++;
      ok = term() && ok;
    }
    return ok;
  };
  /** @returns {boolean} */
  const term = () => {
    const token = tokens[i++];
    if (token === '(') {
      const ok = or();
      if (tokens[i++] !== ')') throw new Error(`unbalanced parentheses in "${expression}"`);
      return ok;
    }
    if (token === undefined || ['AND', 'OR', 'WITH', ')'].includes(token)) {
      throw new Error(`not an SPDX expression: "${expression}"`);
    }
    if (tokens[i] === 'WITH') i += 2;
    return OSI_APPROVED.has(token.replace(/\+$/, ''));
  };
  const ok = or();
  if (i !== tokens.length) throw new Error(`not an SPDX expression: "${expression}"`);
  return ok;
}

/**
 * The licence a package.json declares, as one SPDX expression ('' when none).
 * @param {Record<string, unknown>} manifest
 */
export function declaredLicense(manifest) {
  const { license, licenses } = manifest;
  if (typeof license === 'string') return license.trim();
  // Older forms: { "type": "MIT" } and "licenses": [{ "type": ... }].
  const type = (/** @type {unknown} */ value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (/** @type {{type?: unknown}} */ (value).type) === 'string'
      ? /** @type {string} */ (/** @type {{type: string}} */ (value).type)
      : '';
  if (type(license)) return type(license);
  if (Array.isArray(licenses)) {
    const types = licenses.map(type).filter(Boolean);
    return types.length > 1 ? `(${types.join(' OR ')})` : (types[0] ?? '');
  }
  return '';
}

/**
 * @typedef {{ name: string, version: string, license: string, repository: string }} Dependency
 */

/**
 * The packages the app's `dependencies` bring in, transitively, as node resolves them from
 * node_modules (optional ones only when installed; peer dependencies are someone else's).
 * @param {string} root the directory of the app's package.json
 * @returns {Dependency[]} sorted by name, then version
 */
export function productionTree(root) {
  const app = readJson(join(root, 'package.json'));
  /** @type {Map<string, Dependency>} */
  const found = new Map();
  /** @type {Array<[string, string, boolean]>} name, directory it is required from, optional */
  const queue = Object.keys(app.dependencies ?? {}).map((name) => [name, root, false]);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [name, from, optional] = next;
    const dir = resolvePackage(name, from);
    if (!dir) {
      if (optional) continue;
      throw new Error(`${name} (needed from ${from}) is not installed: run npm ci`);
    }
    if (found.has(dir)) continue;
    const manifest = readJson(join(dir, 'package.json'));
    found.set(dir, {
      name: String(manifest.name ?? name),
      version: String(manifest.version ?? ''),
      license: declaredLicense(manifest),
      repository: repositoryUrl(manifest.repository),
    });
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push([dep, dir, false]);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) queue.push([dep, dir, true]);
  }
  const unique = new Map([...found.values()].map((d) => [`${d.name}@${d.version}`, d]));
  return [...unique.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

/** @param {string} file */
function readJson(file) {
  return /** @type {Record<string, any>} */ (JSON.parse(readFileSync(file, 'utf8')));
}

/** Node's lookup: node_modules/<name> here, then in each parent directory. */
function resolvePackage(/** @type {string} */ name, /** @type {string} */ from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** @param {unknown} repository */
function repositoryUrl(repository) {
  const url =
    typeof repository === 'string'
      ? repository
      : typeof repository === 'object' && repository !== null
        ? String(/** @type {{url?: unknown}} */ (repository).url ?? '')
        : '';
  return url
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^github:/, 'https://github.com/')
    .replace(/^(?!https?:)([\w.-]+\/[\w.-]+)$/, 'https://github.com/$1');
}

/**
 * The packages whose licence is missing or not OSI-approved, each with the reason.
 * @param {Dependency[]} deps
 * @returns {string[]}
 */
export function licenceProblems(deps) {
  return deps.flatMap((d) => {
    if (!d.license) return [`${d.name}@${d.version}: no licence in its package.json`];
    try {
      return isOsiApproved(d.license) ? [] : [`${d.name}@${d.version}: ${d.license} is not OSI-approved`];
    } catch (error) {
      return [`${d.name}@${d.version}: ${error instanceof Error ? error.message : String(error)}`];
    }
  });
}

/**
 * docs/licenses.md.
 * @param {Dependency[]} deps
 */
export function licensesMarkdown(deps) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const d of deps) counts.set(d.license, (counts.get(d.license) ?? 0) + 1);
  const summary = [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([license, n]) => `${license} (${n})`)
    .join(', ');
  const cell = (/** @type {string} */ text) => text.replace(/\|/g, '\\|');
  return [
    '# Third-party licences',
    '',
    'The packages the production build (`dist/`) is made from: the `dependencies` of `package.json` and',
    'theirs, as installed by `npm ci`. Every licence is OSI-approved. Written by `npm run licenses`;',
    '`npm test` fails when this list is stale or a licence is not OSI-approved (`scripts/licenses.mjs`).',
    '',
    `${deps.length} packages: ${summary}.`,
    '',
    '| package | version | licence | source |',
    '| ------- | ------- | ------- | ------ |',
    ...deps.map(
      (d) => `| ${cell(d.name)} | ${cell(d.version)} | ${cell(d.license)} | ${cell(d.repository)} |`,
    ),
    '',
  ].join('\n');
}
