// The pure part of scripts/nginx-serve.mjs: the repo's nginx server block, adapted to a test
// machine. Each change must find exactly what it expects, so an edit of the deployed config that
// the suite could no longer follow fails loudly instead of testing something else.
import { withNginxCspBlock } from './csp-lib.mjs';

/**
 * The top-level `server { ... }` blocks of an nginx config file (comments stripped).
 * @param {string} text
 * @returns {string[]}
 */
export function serverBlocks(text) {
  const code = text
    .split('\n')
    .map((line) => (/^\s*#/.test(line) ? '' : line))
    .join('\n');
  const blocks = [];
  const opener = /^server\s*\{/gm;
  for (let match = opener.exec(code); match; match = opener.exec(code)) {
    let depth = 0;
    for (let i = match.index; i < code.length; i++) {
      if (code[i] === '{') depth++;
      else if (code[i] === '}' && --depth === 0) {
        blocks.push(code.slice(match.index, i + 1));
        opener.lastIndex = i + 1;
        break;
      }
    }
  }
  return blocks;
}

/**
 * @param {string} block
 * @param {RegExp} pattern a global, multiline pattern of whole lines
 * @param {(count: number) => boolean} expected
 * @param {string} what
 * @param {(index: number) => string} replacement
 */
function replaceLines(block, pattern, expected, what, replacement) {
  const count = block.match(pattern)?.length ?? 0;
  if (!expected(count)) throw new Error(`deploy/nginx/reprocess-desk.conf: found ${count} ${what}`);
  let index = 0;
  return block.replace(pattern, () => replacement(index++));
}

/**
 * The server block that serves the app, changed for a test machine: plain http on
 * 127.0.0.1:<port>, server_name localhost, the given root, and the CSP for `config`.
 * @param {string} confText the text of deploy/nginx/reprocess-desk.conf
 * @param {{ port: number, root: string, config: unknown }} options
 */
export function nginxTestServerBlock(confText, { port, root, config }) {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`not a port: ${port}`);
  if (/["\\$;]/.test(root)) throw new Error(`the root path must not hold quotes, $, ; or \\: ${root}`);
  const apps = serverBlocks(withNginxCspBlock(confText, config)).filter((b) => /^\s*root\s/m.test(b));
  if (apps.length !== 1) {
    throw new Error(
      `deploy/nginx/reprocess-desk.conf: expected one server block with a root, found ${apps.length}`,
    );
  }
  let block = /** @type {string} */ (apps[0]);
  block = replaceLines(
    block,
    /^[ \t]*listen\s[^;]*;\n/gm,
    (n) => n >= 1,
    'listen lines',
    (i) => (i === 0 ? `    listen 127.0.0.1:${port};\n` : ''),
  );
  block = replaceLines(
    block,
    /^[ \t]*ssl_[a-z_]+\s[^;]*;\n/gm,
    (n) => n >= 1,
    'ssl_ lines',
    () => '',
  );
  block = replaceLines(
    block,
    /^[ \t]*server_name\s[^;]*;\n/gm,
    (n) => n === 1,
    'server_name lines',
    () => '    server_name localhost;\n',
  );
  block = replaceLines(
    block,
    /^[ \t]*root\s[^;]*;\n/gm,
    (n) => n === 1,
    'root lines',
    () => `    root "${root}";\n`,
  );
  return block.replace(/\n{3,}/g, '\n\n');
}
