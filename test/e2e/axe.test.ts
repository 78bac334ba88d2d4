import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENS, SIZES, startScreens, type Screens } from './screens';

/**
 * axe-core on every screen (issue 18): no violation of serious or critical impact. The
 * script is evaluated through the DevTools protocol, which the page's CSP does not govern
 * (no 'unsafe-inline' is added to the product for a test).
 */

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let screens: Screens;
let axeSource: string;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  screens = await startScreens();
});

afterAll(async () => {
  await screens?.stop();
});

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}${violation.nodes.length > 3 ? ` and ${violation.nodes.length - 3} more` : ''}`,
    );
}

/** The laptop size and the tablet: the two layouts a screen changes most between. */
const AXE_SIZES = SIZES.filter((size) => size.name === '1366x768' || size.name === '800x1280');

describe('axe on every screen', () => {
  for (const spec of SCREENS) {
    it(`${spec.name}: no serious or critical violations`, async () => {
      const problems: string[] = [];
      for (const size of AXE_SIZES) {
        const page = await screens.open(spec, 'ru', size);
        try {
          for (const problem of await seriousViolations(page)) problems.push(`${size.name}: ${problem}`);
        } finally {
          await page.close();
        }
      }
      if (problems.length > 0) console.warn(`${spec.name}:\n${problems.join('\n')}`);
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
