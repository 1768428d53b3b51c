import { type Browser, type BrowserServer, chromium, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless, with the flags that keep it off the network and quiet.
 * Playwright gives every launch a fresh, empty user-data-dir of its own.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const LAUNCH = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** One Chromium for a whole test run, which test files connect to (see launchChromium). */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(LAUNCH);
}

/**
 * A browser for a test file: a connection to the run's Chromium when the global setup started
 * one (CHROMIUM_WS_ENDPOINT; closing it closes the file's contexts, not Chromium), else its own
 * (a bench, a file run outside vitest). A launch costs some 2 s of CPU, 38 times a run.
 */
export async function launchChromium(): Promise<Browser> {
  const endpoint = process.env.CHROMIUM_WS_ENDPOINT;
  return endpoint ? chromium.connect(endpoint) : chromium.launch(LAUNCH);
}

/** Signs `user` in on the dispatcher app's sign-in form (already open in `page`, in English). */
export async function signInOnPage(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
