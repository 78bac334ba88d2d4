import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENS, SIZES, startScreens, type Screens } from './screens';

/**
 * Issue 18's readable table: the column chooser works by keyboard alone and is remembered
 * after a reload (per user, in this browser).
 */

let screens: Screens;
const LAPTOP = SIZES.find((size) => size.name === '1366x768') ?? SIZES[0];

beforeAll(async () => {
  screens = await startScreens();
});

afterAll(async () => {
  await screens?.stop();
});

const headers = (page: Page) =>
  page.locator('.region-table th[data-column]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-column')));

describe('region table column chooser', () => {
  it('hides a column by keyboard alone, and remembers it after a reload', async () => {
    const spec = SCREENS.find((screen) => screen.name === 'region');
    if (!spec) throw new Error('no region screen');
    const page = await screens.open(spec, 'en', LAPTOP);
    try {
      await page.locator('.region-table th[data-column="description"]').waitFor({ state: 'attached' });
      const summary = page.locator('[data-testid="column-chooser"] > summary');
      await summary.focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="column-chooser"][open]').waitFor();
      const box = page.locator('[data-testid="column-chooser"] input[data-column="description"]');
      // Tab walks the boxes (the fixed id box is disabled, so skipped) to the description one.
      for (let i = 0; i < 15 && !(await box.evaluate((el) => el === document.activeElement)); i += 1) {
        await page.keyboard.press('Tab');
      }
      expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Space');
      await expect.poll(() => headers(page)).not.toContain('description');
      expect(await headers(page)).toContain('id');

      await page.reload();
      await page.locator('.region-table th[data-column="id"]').waitFor({ state: 'attached' });
      expect(await headers(page)).not.toContain('description');
      expect(await summary.textContent()).toMatch(/Columns \(\d+\/\d+\)/);
    } finally {
      await page.close();
    }
  });
});
