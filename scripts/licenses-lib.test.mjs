import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  declaredLicense,
  isOsiApproved,
  licenceProblems,
  licensesMarkdown,
  productionTree,
} from './licenses-lib.mjs';

describe('isOsiApproved', () => {
  it.each([
    ['MIT', true],
    ['(MIT OR Apache-2.0)', true],
    ['MIT OR CC0-1.0', true],
    ['MIT AND CC-BY-4.0', false],
    ['(MIT AND BSD-3-Clause) OR Apache-2.0', true],
    ['Apache-2.0 WITH LLVM-exception', true],
    ['CC0-1.0', false],
    ['CC-BY-NC-4.0', false],
    ['SSPL-1.0', false],
    ['BUSL-1.1', false],
    ['UNLICENSED', false],
  ])('%s: %s', (expression, expected) => {
    expect(isOsiApproved(expression)).toBe(expected);
  });

  it('refuses what is not an expression', () => {
    expect(() => isOsiApproved('(MIT')).toThrow('unbalanced');
    expect(() => isOsiApproved('MIT OR')).toThrow('not an SPDX expression');
    expect(() => isOsiApproved('SEE LICENSE IN LICENSE.txt')).toThrow('not an SPDX expression');
  });
});

describe('declaredLicense', () => {
  it('reads the string, the old object and the old array forms', () => {
    expect(declaredLicense({ license: ' MIT ' })).toBe('MIT');
    expect(declaredLicense({ license: { type: 'ISC' } })).toBe('ISC');
    expect(declaredLicense({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe(
      '(MIT OR Apache-2.0)',
    );
    expect(declaredLicense({})).toBe('');
  });
});

describe('licenceProblems', () => {
  it('names each package with a missing or non-OSI licence', () => {
    expect(
      licenceProblems([
        { name: 'a', version: '1.0.0', license: 'MIT', repository: '' },
        { name: 'b', version: '2.0.0', license: '', repository: '' },
        { name: 'c', version: '3.0.0', license: 'CC-BY-NC-4.0', repository: '' },
      ]),
    ).toEqual(['b@2.0.0: no licence in its package.json', 'c@3.0.0: CC-BY-NC-4.0 is not OSI-approved']);
  });
});

describe('productionTree', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function pkg(dir, manifest) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  }

  it('follows dependencies as node resolves them, leaves dev dependencies out', () => {
    root = mkdtempSync(join(tmpdir(), 'licenses-'));
    pkg(root, { dependencies: { a: '^1' }, devDependencies: { tool: '^1' } });
    pkg(join(root, 'node_modules/a'), {
      name: 'a',
      version: '1.0.0',
      license: 'MIT',
      repository: 'github:o/a',
      dependencies: { b: '^2' },
      optionalDependencies: { 'not-installed': '^1' },
    });
    // a's own copy of b wins over the hoisted one.
    pkg(join(root, 'node_modules/a/node_modules/b'), { name: 'b', version: '2.0.0', license: 'ISC' });
    pkg(join(root, 'node_modules/b'), { name: 'b', version: '1.0.0', license: 'ISC' });
    pkg(join(root, 'node_modules/tool'), { name: 'tool', version: '1.0.0', license: 'GPL-3.0-only' });
    const deps = productionTree(root);
    expect(deps).toEqual([
      { name: 'a', version: '1.0.0', license: 'MIT', repository: 'https://github.com/o/a' },
      { name: 'b', version: '2.0.0', license: 'ISC', repository: '' },
    ]);
    expect(licensesMarkdown(deps)).toContain('| a | 1.0.0 | MIT | https://github.com/o/a |');
  });

  it('fails when a dependency is not installed', () => {
    root = mkdtempSync(join(tmpdir(), 'licenses-'));
    pkg(root, { dependencies: { missing: '^1' } });
    expect(() => productionTree(root)).toThrow('missing (needed from');
  });
});
