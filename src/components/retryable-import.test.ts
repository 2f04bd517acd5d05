// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { moduleUrlOf, retryableImport } from './retryable-import';

describe('retryableImport', () => {
  it('reads the failed module URL from Chromium and Firefox messages, own origin only', () => {
    const here = location.origin;
    expect(
      moduleUrlOf(new TypeError(`Failed to fetch dynamically imported module: ${here}/assets/a-1.js`)),
    ).toBe(`${here}/assets/a-1.js`);
    expect(
      moduleUrlOf(new TypeError(`error loading dynamically imported module: ${here}/assets/b.js?retry=2`)),
    ).toBe(`${here}/assets/b.js`);
    expect(
      moduleUrlOf(new TypeError('Failed to fetch dynamically imported module: https://evil.example/x.js')),
    ).toBe(undefined);
    expect(moduleUrlOf(new TypeError('Importing a module script failed.'))).toBe(undefined);
  });

  it('shares one download between callers, and downloads again only after a failure', async () => {
    let calls = 0;
    let fail = true;
    const load = retryableImport(() => {
      calls += 1;
      return fail
        ? Promise.reject(new TypeError('Importing a module script failed.'))
        : Promise.resolve({ n: calls });
    });
    const [a, b] = await Promise.allSettled([load(), load()]);
    expect([a.status, b.status, calls]).toEqual(['rejected', 'rejected', 1]);
    fail = false;
    // No URL was named (Safari's message): the importer itself is called again.
    expect(await load()).toEqual({ n: 2 });
    expect(await load()).toEqual({ n: 2 });
    expect(calls).toBe(2);
  });
});
