import { expect, type Locator, type Page } from '@playwright/test';
import type { LabHost } from '../fixtures/lab';

/** The console window, seen through the test ids the renderer promises. Specs use only this. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  /**
   * `readyMs`: at 1,000 demo hosts the core is still starting them for some seconds after its
   * ready line, and serves the page only then (seen: 17 s on this machine).
   */
  async open(url: string, readyMs?: number): Promise<void> {
    await this.page.goto(url, readyMs === undefined ? {} : { timeout: readyMs });
    await expect(this.page.locator('body[data-ready="true"]')).toBeAttached(
      readyMs === undefined ? {} : { timeout: readyMs },
    );
  }

  hostCard(name: string): Locator {
    return this.page.locator(`[data-testid="host-card"][data-host-name="${cssEscape(name)}"]`);
  }

  hostCards(): Locator {
    return this.page.getByTestId('host-card');
  }

  vmCard(name: string): Locator {
    return this.page.locator(`[data-testid="vm-card"][data-vm-name="${cssEscape(name)}"]`);
  }

  /** Open a running VM's graphical console from its details: the console's tab content. */
  async openGraphicalConsole(vmName: string): Promise<Locator> {
    await expect(this.vmCard(vmName)).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    await this.vmCard(vmName).click();
    await this.page.getByTestId('open-graphical-console').click();
    return this.page.getByTestId('graphical-console');
  }

  demoBanner(): Locator {
    return this.page.getByTestId('demo-banner');
  }

  /** The banner that says the inventory was kept aside at start-up. */
  inventoryNotice(): Locator {
    return this.page.getByTestId('inventory-notice');
  }

  async addHost(fields: {
    address: string;
    port?: number;
    user: string;
    keyPath?: string;
    passphrase?: string;
    uri?: string;
    labels?: string;
  }): Promise<void> {
    await this.page.getByTestId('add-host-button').first().click();
    const dialog = this.page.getByTestId('add-host-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('field-address').fill(fields.address);
    if (fields.port !== undefined) await dialog.getByTestId('field-port').fill(String(fields.port));
    await dialog.getByTestId('field-user').fill(fields.user);
    if (fields.keyPath !== undefined)
      await dialog.getByTestId('field-key-path').fill(fields.keyPath);
    if (fields.passphrase !== undefined)
      await dialog.getByTestId('field-passphrase').fill(fields.passphrase);
    if (fields.uri !== undefined) await dialog.getByTestId('field-uri').fill(fields.uri);
    if (fields.labels !== undefined) await dialog.getByTestId('field-labels').fill(fields.labels);
    await dialog.getByTestId('add-host-submit').click();
  }

  /** Add a lab host as the form asks for it, with the given key file (and labels). */
  async addLabHost(host: LabHost, keyPath: string, labels?: string): Promise<void> {
    await this.addHost({
      address: host.address,
      port: host.port,
      user: host.user,
      keyPath,
      uri: host.uri,
      ...(labels === undefined ? {} : { labels }),
    });
  }

  fingerprintDialog(): Locator {
    return this.page.getByTestId('fingerprint-dialog');
  }

  /** The add-host dialog, also when it reopens as "Edit host …". */
  addHostDialog(): Locator {
    return this.page.getByTestId('add-host-dialog');
  }

  /** From the add-host failure step: back to the form, change fields, save and connect. */
  async editAndRetry(fields: { keyPath?: string; passphrase?: string }): Promise<void> {
    const dialog = this.addHostDialog();
    await dialog.getByTestId('edit-retry-button').click();
    await expect(dialog.getByTestId('editing-note')).toBeVisible();
    if (fields.keyPath !== undefined)
      await dialog.getByTestId('field-key-path').fill(fields.keyPath);
    if (fields.passphrase !== undefined)
      await dialog.getByTestId('field-passphrase').fill(fields.passphrase);
    await dialog.getByTestId('add-host-submit').click();
  }

  async selectHost(name: string): Promise<Locator> {
    await this.hostCard(name).getByRole('button', { name, exact: true }).click();
    const panel = this.page.getByTestId('details-panel');
    await expect(panel).toBeVisible();
    return panel;
  }

  /** In the host's details: the passphrase form the core asked for, filled and sent. */
  async reconnectWithPassphrase(passphrase: string): Promise<void> {
    const form = this.page.getByTestId('passphrase-form');
    await form.getByTestId('field-reconnect-passphrase').fill(passphrase);
    await form.getByRole('button', { name: 'Reconnect' }).click();
  }

  eventLogLines(): Locator {
    return this.page.getByTestId('log-entry');
  }

  async openEventLog(): Promise<void> {
    const toggle = this.page.getByRole('button', { name: /Event log/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }

  async trustPresentedKey(expectedFingerprint: string): Promise<void> {
    const dialog = this.fingerprintDialog();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('fingerprint-value')).toHaveText(expectedFingerprint);
    await dialog.getByTestId('trust-button').click();
    await expect(dialog).toBeHidden();
  }

  /**
   * How many colours a graphical console's canvas shows (up to 16, sampled): one means blank; the
   * guest kernel's text on its screen makes several.
   */
  canvasColours(canvas: Locator): Promise<number> {
    return canvas.evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      const seen = new Set<number>();
      for (let i = 0; i < data.length && seen.size < 16; i += 4 * 7)
        seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return seen.size;
    });
  }
}

/** Attribute selectors quote with double quotes: escape what would end or break them. */
function cssEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ');
}
