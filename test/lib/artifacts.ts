/**
 * Screenshots the browser tests leave in test/artifacts (gitignored): the ones a test takes on
 * purpose, and one of the page whenever a test fails, named after the test.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { REPO_ROOT } from './server-process.ts';

export const ARTIFACTS = join(REPO_ROOT, 'test', 'artifacts');

/** Saves a screenshot of the page as test/artifacts/<name>.png. */
export async function saveScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

/** From the describe block it is called in: a full-page screenshot of `page()` after each failed test. */
export function screenshotFailures(prefix: string, page: () => Page | undefined): void {
  afterEach(async (ctx) => {
    const p = page();
    if (ctx.task.result?.state !== 'fail' || !p) return;
    await saveScreenshot(p, `${prefix}-${ctx.task.name.replace(/\W+/g, '-')}`, true);
  });
}
