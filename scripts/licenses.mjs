// The licences of what ships in dist/: the production dependency tree, listed in docs/licenses.md.
//   node scripts/licenses.mjs           writes docs/licenses.md
//   node scripts/licenses.mjs --check   fails when it is stale or a licence is not OSI-approved
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import prettier from 'prettier';
import { licenceProblems, licensesMarkdown, productionTree } from './licenses-lib.mjs';

const root = resolve(import.meta.dirname, '..');
const file = resolve(root, 'docs/licenses.md');
const check = process.argv.includes('--check');

const deps = productionTree(root);
const problems = licenceProblems(deps);
// Formatted as `npm run lint` expects it (Prettier checks Markdown too).
const markdown = await prettier.format(licensesMarkdown(deps), {
  ...(await prettier.resolveConfig(file)),
  filepath: file,
});

if (problems.length > 0) {
  console.error(`Licences that are not OSI-approved, or missing:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
if (check) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== markdown) {
    console.error('docs/licenses.md does not match the installed dependencies: run `npm run licenses`.');
    process.exit(1);
  }
  console.log(`Licences: ${deps.length} runtime packages, all OSI-approved; docs/licenses.md is current.`);
} else {
  writeFileSync(file, markdown);
  console.log(`Wrote docs/licenses.md: ${deps.length} runtime packages, all OSI-approved.`);
}
