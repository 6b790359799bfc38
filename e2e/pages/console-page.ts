import { expect, type Locator, type Page } from '@playwright/test';

/** The console window, seen through the test ids the renderer promises. Specs use only this. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.locator('body[data-ready="true"]')).toBeAttached();
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

  demoBanner(): Locator {
    return this.page.getByTestId('demo-banner');
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

  fingerprintDialog(): Locator {
    return this.page.getByTestId('fingerprint-dialog');
  }

  async trustPresentedKey(expectedFingerprint: string): Promise<void> {
    const dialog = this.fingerprintDialog();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('fingerprint-value')).toHaveText(expectedFingerprint);
    await dialog.getByTestId('trust-button').click();
    await expect(dialog).toBeHidden();
  }
}

/** Attribute selectors quote with double quotes: escape what would end or break them. */
function cssEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ');
}
