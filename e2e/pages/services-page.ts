import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The services side panel, the service editor, the plan review dialog and the plans panel, through
 * the test ids the renderer promises:
 *
 * - `services-toggle`: the top bar's "Services & plans" button; `side-panel` the panel it opens
 * - `services-panel`; `new-service`, `import-yaml` (+ `import-yaml-file`, `import-error`)
 * - `service-row` [data-service-name, data-service-id, data-health = healthy | degraded | down |
 *   not-deployed], inside it `service-health`, `health-reasons`, `service-app` [data-app-name],
 *   `deploy-button`, `start-service`, `stop-service`, `edit-service`, `export-yaml`,
 *   `delete-service`; `delete-service-confirm` with `destroy-list` and `confirm-button`
 * - `service-editor` (dialog): `service-name`, `service-policy`, `service-health`,
 *   `service-health-count`, `add-app`, `save-service`, `service-error-summary` (`summary-problem` links to each field), `service-save-error`;
 *   each `app-row` [data-app-name]: `app-name`, `app-replicas`, `app-priority`, `app-vcpus`,
 *   `app-memory`, `app-disk`, `app-template`, `app-xml`, `app-labels`, `app-spread`,
 *   `app-spread-strength`, `app-colocate`, `app-colocate-strength`, `app-depends-on`
 *   [data-app-name], `remove-app`; a field's error is `<field id>-error`
 * - `plan-review` (dialog) with `review-row` [data-vm-name, data-host-id], `review-reason`,
 *   `review-move-kind`, `plan-warnings`, `plan-step`, `approve-plan`, `discard-plan`
 * - `cannot-deploy` (dialog) with `unplaced-vm` [data-vm-name] and `nothing-created`
 * - `plans-panel`; `plan-row` [data-plan-id, data-plan-kind, data-status], `plan-attention`,
 *   `plan-step` [data-status, data-step-kind, data-vm-name], `step-progress`, `step-error`,
 *   `review-plan`, `cancel-plan`, `resume-plan`, `rollback-plan`, `undo-plan`
 * - on the topology: `vm-card` [data-service-id, data-highlighted="true"] and `service-mark`
 */
export class ServicesPage {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.getByTestId('services-panel');
  }

  async open(): Promise<void> {
    if (!(await this.panel().isVisible())) await this.page.getByTestId('services-toggle').click();
    await expect(this.panel()).toBeVisible();
  }

  serviceRow(name: string): Locator {
    return this.panel().locator(`[data-testid="service-row"][data-service-name="${name}"]`);
  }

  editor(): Locator {
    return this.page.getByTestId('service-editor');
  }

  /** New service, filled in the forms: applications first, then their dependencies by name. */
  async createService(service: {
    name: string;
    apps: {
      name: string;
      replicas?: number;
      memoryMiB?: number;
      spread?: { across: 'host' | 'zone'; strength: 'hard' | 'soft' };
      dependsOn?: string[];
    }[];
  }): Promise<void> {
    await this.panel().getByTestId('new-service').click();
    const editor = this.editor();
    await expect(editor).toBeVisible();
    await editor.getByTestId('service-name').fill(service.name);
    for (const [index, app] of service.apps.entries()) {
      if (index > 0) await editor.getByTestId('add-app').click();
      const row = editor.getByTestId('app-row').nth(index);
      await row.getByTestId('app-name').fill(app.name);
      if (app.replicas !== undefined)
        await row.getByTestId('app-replicas').fill(String(app.replicas));
      // The form's defaults are for real hosts (1 GiB, domain XML): the lab's tiny disk-less
      // guest is asked for explicitly, with its 64 MiB unless the spec says otherwise.
      await row.getByTestId('app-memory').fill(String(app.memoryMiB ?? 64));
      await row.getByTestId('app-template').selectOption('test-guest');
      if (app.spread) {
        await row.getByTestId('app-spread').selectOption(app.spread.across);
        await row.getByTestId('app-spread-strength').selectOption(app.spread.strength);
      }
    }
    for (const app of service.apps) {
      const row = editor.locator(`[data-testid="app-row"][data-app-name="${app.name}"]`);
      for (const need of app.dependsOn ?? []) {
        await row.locator(`[data-testid="app-depends-on"][data-app-name="${need}"]`).check();
      }
    }
    await editor.getByTestId('save-service').click();
    await expect(editor).toBeHidden();
  }

  review(): Locator {
    return this.page.getByTestId('plan-review');
  }

  planRow(kind: string): Locator {
    return this.page
      .getByTestId('plans-panel')
      .locator(`[data-testid="plan-row"][data-plan-kind="${kind}"]`);
  }

  /** The VM cards the topology marks as this service's. */
  serviceVmCards(serviceId: string): Locator {
    return this.page.locator(`[data-testid="vm-card"][data-service-id="${serviceId}"]`);
  }

  /** Delete through the panel: the confirmation names what goes, then the plan runs. */
  async deleteService(name: string): Promise<void> {
    await this.serviceRow(name).getByTestId('delete-service').click();
    const confirm = this.page.getByTestId('delete-service-confirm');
    await expect(confirm).toBeVisible();
    await confirm.getByTestId('confirm-button').click();
    await expect(confirm).toBeHidden();
  }
}
