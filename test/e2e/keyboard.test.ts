import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENS, SIZES, startScreens, type ScreenName, type Screens } from './screens';

/**
 * Issue 18's keyboard part: a skip link first, "?" lists the screen's keys, focus lands on
 * the main action after a navigation; and the dashboard's alert strip folds (and stays folded).
 */

let screens: Screens;
const LAPTOP = SIZES.find((size) => size.name === '1366x768') ?? SIZES[0];

beforeAll(async () => {
  screens = await startScreens();
});

afterAll(async () => {
  await screens?.stop();
});

function open(name: ScreenName): Promise<Page> {
  const spec = SCREENS.find((screen) => screen.name === name);
  if (!spec) throw new Error(`no screen ${name}`);
  return screens.open(spec, 'en', LAPTOP);
}

const activeTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

describe('keyboard and focus', () => {
  it('region page: focus on the table, "?" lists its keys, Esc closes the list', async () => {
    const page = await open('region');
    try {
      await expect.poll(() => activeTestId(page), { timeout: 5000 }).toBe('region-table');
      await page.keyboard.press('?');
      const hints = page.getByTestId('key-hints');
      await hints.waitFor();
      const text = (await hints.textContent()) ?? '';
      for (const key of ['j', 'k', 'x', 'Enter', 'Esc']) expect(text).toContain(key);
      expect(text).toContain('open the appeal');
      await page.keyboard.press('Escape');
      await hints.waitFor({ state: 'hidden' });
      // The table still has its keys: j moves the active row.
      await page.getByTestId('region-table').focus();
      await page.keyboard.press('j');
      expect(await page.getByTestId('region-table').getAttribute('aria-activedescendant')).toBeTruthy();
      // A visible "?" button says the keys exist.
      expect(await page.getByTestId('key-hints-button').isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('dashboard: the skip link is the first tab stop and takes focus into <main>', async () => {
    const page = await open('dashboard');
    try {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Tab');
      expect(await activeTestId(page)).toBe('skip-link');
      expect(await page.getByTestId('skip-link').isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
      // Not a screen with keys of its own: "?" still answers, with "no keys here".
      await page.keyboard.press('?');
      expect(await page.getByTestId('key-hints').textContent()).toContain('no keys of its own');
    } finally {
      await page.close();
    }
  });

  it('dashboard: the alert strip folds to one line and stays folded after a reload', async () => {
    const page = await open('dashboard');
    try {
      const toggle = page.getByTestId('alert-strip-toggle');
      await toggle.waitFor({ timeout: 10_000 });
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await page.locator('[data-testid="alert-strip"] [data-testid="alert"]').first().isVisible()).toBe(true);
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('[data-testid="alert-strip"] [data-testid="alert"]').first().isVisible()).toBe(false);
      await page.reload();
      await page.getByTestId('alert-strip-toggle').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('alert-strip-toggle').getAttribute('aria-expanded')).toBe('false');
      await page.getByTestId('alert-strip-toggle').click();
    } finally {
      await page.close();
    }
  });
});
