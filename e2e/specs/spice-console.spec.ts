import { execFileSync } from 'node:child_process';
import { expect, test } from '../fixtures/test';
import { labHost, readLab, removeDomainsNamed } from '../fixtures/lab';

// A real guest's SPICE display: the lab's booting guest with <graphics type='spice'> on hv1's
// loopback; the window reaches each of its channels through the host's SSH connection and
// spice-html5 draws it. The picture must not be blank (the kernel writes to the guest's screen),
// and is kept to look at. A display with a password is refused in words.
const lab = readLab();
const hv1 = labHost(lab, 1);
const NAME = 'spice-e2e';
const LOCKED = 'spice-e2e-locked';
test.afterEach(() => removeDomainsNamed([hv1], NAME)); // and LOCKED, which starts with it

test("a real guest's SPICE display: drawn in the window, scaled, not blank; one with a password refused in words", async ({
  page,
  openConsole,
}) => {
  execFileSync('bash', ['lab/lab.sh', 'boot-guest', '1', NAME, 'spice'], { stdio: 'ignore' });
  execFileSync('bash', ['lab/lab.sh', 'boot-guest', '1', LOCKED, 'spice-password'], {
    stdio: 'ignore',
  });
  const { app } = await openConsole();
  await app.addLabHost(hv1, lab.clientKey, 'zone=a');
  await app.trustPresentedKey(hv1.hostKeyFingerprint);
  const display = await app.openGraphicalConsole(NAME);
  await expect(display).toHaveAttribute('data-protocol', 'spice', { timeout: 30_000 });
  await expect(display).toHaveAttribute('data-status', 'open', { timeout: 30_000 });
  await expect(display.getByTestId('console-status')).toContainText(
    `${NAME} on ${hv1.address} (SPICE)`,
  );
  const canvas = display.locator('canvas');
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => app.canvasColours(canvas), { timeout: 60_000 }).toBeGreaterThan(1);
  await page.screenshot({ path: 'assets/screenshot-spice-console.png' });

  // Scaled to the dock (320 px high: the 400-line text screen is shrunk), then at its own size.
  const box = display.getByTestId('vnc-box');
  const boxHeight = (await box.boundingBox())?.height ?? 0;
  await expect
    .poll(async () => (await canvas.boundingBox())?.height ?? 0)
    .toBeLessThanOrEqual(boxHeight + 1);
  await display.getByTestId('console-scale').uncheck();
  await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeGreaterThan(600);
  // Ctrl+Alt+Del goes to the guest over the inputs channel; the display stays open.
  await display.getByTestId('console-ctrl-alt-del').click();
  await expect(display).toHaveAttribute('data-status', 'open');
  await page.getByTestId('console-tab-close').click();
  await expect(display).toHaveCount(0);

  await app.openGraphicalConsole(LOCKED);
  await expect(display).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(display.getByTestId('console-error')).toContainText(
    `the SPICE display of ${LOCKED} asks for a password, which this console cannot send yet`,
  );
  await page.screenshot({ path: 'assets/screenshot-spice-password.png' });
});
