import { chromium, type Browser } from 'playwright-core';
import playwrightConfig from '../playwright.config';
import { startWebShell, type WebShell } from '../e2e/fixtures/web-shell';

const CHROMIUM_FLAGS = playwrightConfig.use?.launchOptions?.args ?? [];

/**
 * The window benches' stage: a web shell over `--demo-size 1000x10` and Debian's Chromium, once
 * the core has started its 1,000 demo hosts (15 s after its ready line), so that a page load
 * measures the window, not the core's start. `close` stops both.
 */
export async function openBigDemo(): Promise<{
  shell: WebShell;
  browser: Browser;
  close: () => Promise<void>;
}> {
  const shell = await startWebShell({ demo: true, demoSize: '1000x10' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  const close = async () => {
    await browser.close();
    await shell.stop();
  };
  try {
    await new Promise((done) => setTimeout(done, 15_000));
  } catch (error) {
    await close();
    throw error;
  }
  return { shell, browser, close };
}
