import { expect, type Locator, type Page } from '@playwright/test';

/** The alerts badge and dialog (list, rules, notifications), through their test ids. */
export class AlertsPage {
  constructor(readonly page: Page) {}

  badge(): Locator {
    return this.page.getByTestId('alerts-badge');
  }

  dialog(): Locator {
    return this.page.getByTestId('alerts-dialog');
  }

  async open(tab: 'alerts' | 'rules' | 'notifications' = 'alerts'): Promise<void> {
    if (!(await this.dialog().isVisible())) await this.badge().click();
    await expect(this.dialog()).toBeVisible();
    await this.dialog().getByTestId(`alerts-tab-${tab}`).click();
  }

  /** The list's rows of one rule, firing first. */
  rows(ruleName: string): Locator {
    return this.dialog()
      .getByTestId('alert-row')
      .filter({ has: this.page.getByTestId('alert-rule').getByText(ruleName, { exact: true }) });
  }

  alert(id: string): Locator {
    return this.dialog().locator(`[data-testid="alert-row"][data-alert-id="${id}"]`);
  }

  ruleRow(name: string): Locator {
    return this.dialog().locator(`[data-testid="rule-row"][data-rule-name="${name}"]`);
  }

  editor(): Locator {
    return this.dialog().getByTestId('rule-editor');
  }

  /** Fills the rule editor's fields that are given and saves. */
  async fillRule(fields: {
    name?: string;
    severity?: 'warning' | 'critical';
    what?: string;
    threshold?: string;
    clear?: string;
    duration?: string;
  }): Promise<void> {
    const editor = this.editor();
    await expect(editor).toBeVisible();
    if (fields.name !== undefined) await editor.getByTestId('rule-name').fill(fields.name);
    if (fields.severity) await editor.getByTestId('rule-severity').selectOption(fields.severity);
    if (fields.what) await editor.getByTestId('rule-what').selectOption(fields.what);
    if (fields.threshold !== undefined)
      await editor.getByTestId('rule-threshold').fill(fields.threshold);
    if (fields.clear !== undefined) await editor.getByTestId('rule-clear').fill(fields.clear);
    if (fields.duration !== undefined)
      await editor.getByTestId('rule-duration').fill(fields.duration);
    await editor.getByTestId('rule-save').click();
  }

  async acknowledge(row: Locator, note: string): Promise<void> {
    await row.getByTestId('acknowledge').click();
    await row.getByTestId('acknowledge-note').fill(note);
    await row.getByTestId('acknowledge-submit').click();
  }
}
