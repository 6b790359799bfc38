import { expect, type Locator, type Page } from '@playwright/test';

/** The settings dialog, the shortcuts overlay and the theme, through their test ids. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByTestId('settings-dialog');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('settings-button').click();
    await expect(this.dialog()).toBeVisible();
  }

  async setNumber(
    field: 'cpuOvercommit' | 'memoryOvercommit' | 'pollSeconds' | 'eventLogSize',
    value: string,
  ): Promise<void> {
    await this.dialog().getByTestId(`setting-${field}`).fill(value);
  }

  async save(): Promise<void> {
    await this.dialog().getByTestId('settings-save').click();
  }

  fieldError(field: string): Locator {
    return this.dialog().getByTestId(`setting-${field}-error`);
  }

  async chooseTheme(theme: 'system' | 'light' | 'dark'): Promise<void> {
    await this.dialog().getByTestId(`theme-${theme}`).check();
  }

  /** The resolved theme on <html>. */
  theme(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset.theme);
  }

  shortcuts(): Locator {
    return this.page.getByTestId('shortcuts-dialog');
  }
}
