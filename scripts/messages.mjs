#!/usr/bin/env node
// The dashboard's message catalogs (src/i18n/catalogs).
//   node scripts/messages.mjs          extracts every `t({ id, defaultMessage })` of src/ into en.json
//   node scripts/messages.mjs --check  fails when en.json is not what the code says, when pt-BR lacks
//                                      a message or holds one nothing uses, when a translation's
//                                      placeholders or tags differ from the English, or when a
//                                      message is not valid ICU MessageFormat.
// Extraction is FormatJS's own (`formatjs extract`, which also refuses one id with two texts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';

const root = resolve(import.meta.dirname, '..');
const catalogs = join(root, 'src/i18n/catalogs');
const enPath = join(catalogs, 'en.json');
const ptPath = join(catalogs, 'pt-BR.json');
const check = process.argv.includes('--check');

function extract() {
  const dir = mkdtempSync(join(tmpdir(), 'messages-'));
  const out = join(dir, 'en.json');
  try {
    execFileSync(
      join(root, 'node_modules/.bin/formatjs'),
      [
        'extract',
        'src/**/*.{ts,tsx}',
        '--ignore',
        'src/**/*.test.{ts,tsx}',
        '--ignore',
        'src/testing/**',
        '--additional-function-names',
        't,tRich',
        '--format',
        'simple',
        '--throws',
        '--out-file',
        out,
      ],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    return sorted(JSON.parse(readFileSync(out, 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sorted(messages) {
  return Object.fromEntries(Object.entries(messages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const serialize = (messages) => `${JSON.stringify(messages, null, 2)}\n`;

/** The argument names and tag names a message uses, e.g. ["arg:count", "tag:b"]. */
function shape(message) {
  const names = new Set();
  const walk = (elements) => {
    for (const element of elements) {
      if (
        element.type === TYPE.argument ||
        element.type === TYPE.number ||
        element.type === TYPE.date ||
        element.type === TYPE.time
      ) {
        names.add(`arg:${element.value}`);
      } else if (element.type === TYPE.plural || element.type === TYPE.select) {
        names.add(`arg:${element.value}`);
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (element.type === TYPE.tag) {
        names.add(`tag:${element.value}`);
        walk(element.children);
      }
    }
  };
  walk(parse(message));
  return [...names].sort();
}

const extracted = extract();
if (!check) {
  writeFileSync(enPath, serialize(extracted));
  const pt = JSON.parse(readFileSync(ptPath, 'utf8'));
  const missing = Object.keys(extracted).filter((id) => !(id in pt));
  const unused = Object.keys(pt).filter((id) => !(id in extracted));
  console.log(`en.json: ${Object.keys(extracted).length} messages.`);
  if (missing.length) console.log(`pt-BR.json lacks ${missing.length}: ${missing.join(', ')}`);
  if (unused.length) console.log(`pt-BR.json holds ${unused.length} nothing uses: ${unused.join(', ')}`);
  process.exit(0);
}

const problems = [];
const en = JSON.parse(readFileSync(enPath, 'utf8'));
if (serialize(en) !== serialize(extracted)) {
  const changed = Object.keys({ ...en, ...extracted }).filter((id) => en[id] !== extracted[id]);
  problems.push(
    `en.json is not what the code says (${changed.slice(0, 20).join(', ')}): run \`npm run messages\`.`,
  );
}
const pt = JSON.parse(readFileSync(ptPath, 'utf8'));
for (const [id, message] of Object.entries(extracted)) {
  if (!(id in pt)) {
    problems.push(`pt-BR.json lacks "${id}" (${JSON.stringify(message)}).`);
    continue;
  }
  let expected;
  let actual;
  try {
    expected = shape(message);
  } catch (error) {
    problems.push(`"${id}": the English is not valid ICU MessageFormat (${error.message}).`);
    continue;
  }
  try {
    actual = shape(pt[id]);
  } catch (error) {
    problems.push(`pt-BR "${id}": not valid ICU MessageFormat (${error.message}).`);
    continue;
  }
  if (expected.join() !== actual.join()) {
    problems.push(
      `pt-BR "${id}" uses ${actual.join(', ') || 'nothing'}; the English uses ${expected.join(', ') || 'nothing'}.`,
    );
  }
}
for (const id of Object.keys(pt)) {
  if (!(id in extracted)) problems.push(`pt-BR.json holds "${id}", which nothing uses.`);
}
if (problems.length) {
  console.error(
    `Message catalogs: ${problems.length} problem(s).\n${problems.map((p) => `- ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(`Message catalogs: ${Object.keys(extracted).length} messages, en and pt-BR complete.`);
