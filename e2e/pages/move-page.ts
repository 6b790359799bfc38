import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Moving VMs, through the test ids the renderer promises, driven with real pointer events (press,
 * move in steps, release: what a person does, and what pointer-based drags need):
 *
 * - `vm-card` [data-vm-name, data-picked]; `vm-migration` (progress) with `cancel-migration`
 * - `host-card` [data-verdict = fits | soft | refused | source, data-maintenance], inside it
 *   `verdict-reason` and `maintenance-badge`
 * - `drag-layer`, `drag-ghost`, `drag-tooltip` [data-verdict, data-host-id]; `move-notice`
 * - `move-to-dialog` with `move-to-host` [data-host-id, data-verdict]; `move-to-button`
 * - `host-action-maintenance`, `evacuation-refused`; `undo-last-move`
 * - `paths-toggle`, `migration-paths`, `migration-path` [data-from, data-to, data-state]
 */
export class MovePage {
  constructor(readonly page: Page) {}

  hostCard(name: string): Locator {
    return this.page.locator(`[data-testid="host-card"][data-host-name="${name}"]`);
  }

  vmCard(name: string): Locator {
    return this.page.locator(`[data-testid="vm-card"][data-vm-name="${name}"]`);
  }

  tooltip(): Locator {
    return this.page.getByTestId('drag-tooltip');
  }

  /** Press the VM's card and move past the drag threshold: the drag has started. */
  async pickUp(vmName: string): Promise<void> {
    const box = await boxOf(this.vmCard(vmName));
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + 12, y + 12, { steps: 4 });
    await expect(this.page.getByTestId('drag-ghost')).toBeVisible();
  }

  /** While dragging: move in steps over a host card's header (always on screen, never a VM). */
  async hoverHost(hostName: string): Promise<void> {
    const box = await boxOf(this.hostCard(hostName).locator('.os-layer'));
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
    await expect(this.tooltip()).toHaveAttribute(
      'data-host-id',
      (await this.hostCard(hostName).getAttribute('data-host-id')) ?? '',
    );
  }

  async release(): Promise<void> {
    await this.page.mouse.up();
  }

  /** The whole gesture: press the VM, move onto the host in steps, release. */
  async drag(vmName: string, hostName: string): Promise<void> {
    await this.pickUp(vmName);
    await this.hoverHost(hostName);
    await this.release();
  }

  /**
   * Select the first VM card in `state` and press `m`: the Move to… chooser is open. Resolves with
   * the VM's name and the chooser.
   */
  async openMoveTo(state: string): Promise<{ vmName: string; chooser: Locator }> {
    const card = this.page.locator(`[data-testid="vm-card"][data-state="${state}"]`).first();
    await card.click();
    const vmName = (await card.getAttribute('data-vm-name')) ?? '';
    await this.page.keyboard.press('m');
    const chooser = this.page.getByTestId('move-to-dialog');
    await expect(chooser).toBeVisible();
    return { vmName, chooser };
  }

  /** In the host's details: Enter or Leave maintenance. */
  async toggleMaintenance(hostName: string): Promise<void> {
    await this.hostCard(hostName).getByRole('button', { name: hostName, exact: true }).click();
    await this.page.getByTestId('details-panel').getByTestId('host-action-maintenance').click();
  }

  async closeDetails(): Promise<void> {
    const close = this.page.getByRole('button', { name: 'Close details' });
    if (await close.isVisible()) await close.click();
  }
}

async function boxOf(locator: Locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return box;
}
