import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** The success criteria the dashboard is held to: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

/**
 * axe's experimental rules that test WCAG A/AA success criteria: axe leaves them out unless they are
 * named. label-content-name-mismatch (2.5.3 Label in Name) is the one people hit most: a control
 * whose visible text is not part of its accessible name.
 */
const EXPERIMENTAL_WCAG_RULES = [
  'label-content-name-mismatch',
  'css-orientation-lock',
  'p-as-heading',
  'table-fake-caption',
  'td-has-header',
] as const;

/** The impacts that fail a check; minor and moderate findings are reported by axe but pass. */
const FAILING_IMPACTS: ReadonlySet<string> = new Set(['serious', 'critical']);

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

/**
 * Fluent's focus management (Tabster) puts `<i data-tabster-dummy tabindex="0" aria-hidden="true">`
 * around toolbars, grids, dialogs and the like: when one gets focus it passes it on at once, and it
 * is hidden so screen readers do not announce it. axe's aria-hidden-focus rule flags each of them.
 * The app cannot change them, and Tabster's maintainers call them intended
 * (https://github.com/microsoft/tabster/issues/288); Accessibility Insights drops the same
 * findings (https://github.com/microsoft/accessibility-insights-web/pull/7605). Only these nodes,
 * and only for this rule, are taken out: an aria-hidden region of the app's own with a focusable
 * element in it still fails.
 */
function withoutTabsterDummies(violation: Violation): Violation {
  if (violation.id !== 'aria-hidden-focus') return violation;
  return { ...violation, nodes: violation.nodes.filter((n) => !/^<i [^>]*data-tabster-dummy/.test(n.html)) };
}

/** One violation as a developer needs it: the rule, its impact, what to do, and where. */
function describe(violation: Violation): string {
  const nodes = violation.nodes.map((node) => {
    const summary = node.failureSummary?.replace(/\n\s*/g, ' ') ?? '';
    return `    at ${node.target.join(' ')}\n      ${node.html}\n      ${summary}`;
  });
  return [
    `  ${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help}`,
    `    ${violation.helpUrl}`,
    ...nodes,
  ].join('\n');
}

/**
 * Runs axe on the page as it is now, with the WCAG 2.x A/AA rules, and fails (softly, so a
 * journey goes on and reports every state it walks through) on any serious or critical violation.
 * The message lists each one with its failing elements and their HTML; the full results are
 * attached to the test as `axe <label>.json`.
 */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .options({ rules: Object.fromEntries(EXPERIMENTAL_WCAG_RULES.map((id) => [id, { enabled: true }])) })
    .withTags([...WCAG_TAGS])
    .analyze();
  const failing = results.violations
    .map(withoutTabsterDummies)
    .filter((v) => v.nodes.length > 0 && FAILING_IMPACTS.has(v.impact ?? ''));
  if (failing.length > 0) {
    await test.info().attach(`axe ${label}.json`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: 'application/json',
    });
  }
  const report = failing.map(describe).join('\n');
  expect
    .soft(
      failing.map((v) => v.id),
      `serious or critical accessibility violations on ${label}:\n${report}\n`,
    )
    .toEqual([]);
}
