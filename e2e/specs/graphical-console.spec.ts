import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test } from '../fixtures/test';
import { labHost, readLab, removeDomainsNamed } from '../fixtures/lab';

// A real guest's graphical console: the lab's booting guest has a VNC display on hv1's loopback;
// the window reaches it through the host's SSH connection and noVNC draws it. The picture must not
// be blank (the kernel writes to the guest's screen), and is kept to look at.
const lab = readLab();
const hv1 = labHost(lab, 1);
const NAME = 'vnc-e2e';
test.afterEach(() => removeDomainsNamed([hv1], NAME));

test("a real guest's graphical console: its display drawn in the window, scaled, not blank", async ({
  page,
  openConsole,
}) => {
  execFileSync('bash', ['lab/lab.sh', 'boot-guest', '1', NAME], { stdio: 'ignore' });
  const { app } = await openConsole();
  await app.addLabHost(hv1, lab.clientKey, 'zone=a');
  await app.trustPresentedKey(hv1.hostKeyFingerprint);
  const display = await app.openGraphicalConsole(NAME);
  await expect(display).toHaveAttribute('data-status', 'open', { timeout: 30_000 });
  const canvas = display.locator('canvas');
  await expect(canvas).toBeVisible();
  await expect.poll(() => app.canvasColours(canvas), { timeout: 60_000 }).toBeGreaterThan(1);
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: 'assets/screenshot-graphical-console.png' });

  // Scale off: the picture at its own size (720×400 for the guest's text mode).
  await display.getByTestId('console-scale').uncheck();
  await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeGreaterThan(600);
  await page.getByTestId('console-tab-close').click();
  await expect(display).toHaveCount(0);
});
