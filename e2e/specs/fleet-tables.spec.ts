import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import type { WebShell } from '../fixtures/web-shell';
import { openBigDemo } from '../fixtures/big-demo';
import { wheelFrames } from '../fixtures/scroll-frames';

// The host and VM tables at 1,000 hosts / 10,000 VMs (the demo fleet through the web shell): the
// switch, the sort by memory, the DOM's size and the scroll, measured and printed; then what an
// admin does in them on a small fleet: keys, multi-select, resize, grouping, a VM dragged onto a
// host row, all kept across a reload.

test.use({ trace: 'off' });

/** Generous ceilings: the figures are printed, the assertions only catch a table drawn whole. */
const DOM_CEILING = 5_000;
const SWITCH_CEILING_MS = 5_000;
const SORT_CEILING_MS = 3_000;
// A frame ceiling, not the goal (20 ms): on this shared 2-core machine a busy neighbour alone
// stretches frames to hundreds of ms.
const FRAME_P99_CEILING_MS = 1_000;

let shell: WebShell | undefined;
test.afterEach(async () => {
  await shell?.stop();
  shell = undefined;
});

const domNodes = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);

/** Clicks a control in the page and times until `selector` matches, over animation frames. */
function timeUntil(page: Page, click: string, selector: string): Promise<number> {
  return page.evaluate(
    async ({ click, selector }) => {
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      document.querySelector<HTMLElement>(click)?.click();
      for (let i = 0; i < 600 && !document.querySelector(selector); i++) await frame();
      await frame(); // painted
      return performance.now() - t0;
    },
    { click, selector },
  );
}

/** The memory used (%) of the host rows drawn, top to bottom, from the cells' titles. */
function drawnMemoryPercents(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="host-row"]')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
      .map((row) => row.querySelectorAll('[role="gridcell"]')[5]?.querySelector('[title]'))
      .map((el) => Number.parseFloat(el?.getAttribute('title') ?? 'NaN')),
  );
}

test('at 1,000 hosts and 10,000 VMs the tables switch, sort by memory and scroll drawing only what is in view', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const opened = await openBigDemo(page);
  shell = opened.shell;
  const app = opened.app;
  await expect(app.hostCard('demo-hv0001')).toBeVisible({ timeout: 60_000 });
  // The samples arrive every few seconds: the tables are timed once the hosts have figures.
  await expect(app.hostCard('demo-hv0001').getByTestId('usage-memory')).not.toContainText('…', {
    timeout: 30_000,
  });

  const switchMs = await timeUntil(
    page,
    '[data-testid="view-host-table"]',
    '[data-testid="host-row"]',
  );
  const hostNodes = await domNodes(page);
  const hostRows = await page.getByTestId('host-row').count();
  // Hosts in trouble first: the default sort is by state, worst first.
  await expect(page.getByTestId('host-row').first()).toContainText('Hypervisor problem');
  await page.screenshot({ path: 'assets/screenshot-host-table-1000.png' });

  const sortMs = await timeUntil(
    page,
    '[data-testid="sort-memory"]',
    '[role="columnheader"][aria-sort="descending"] [data-testid="sort-memory"]',
  );
  // Each host's first sample comes on its own: wait until the rows in view have their figures.
  const sampledMemory = async () =>
    (await drawnMemoryPercents(page)).filter((p) => !Number.isNaN(p));
  await expect
    .poll(async () => (await sampledMemory()).length, { timeout: 60_000 })
    .toBeGreaterThan(5);
  const memory = await sampledMemory();
  expect(memory).toEqual([...memory].sort((a, b) => b - a)); // the busiest first
  const hostScroll = await wheelFrames(page, 'host-row', 150, 240);

  await page.locator('main').evaluate((m) => (m.scrollTop = 0));
  await page.getByTestId('table-group-by').selectOption('zone');
  await expect(page.getByTestId('table-group').first()).toContainText('zone=zone-a');
  await expect(page.getByTestId('group-totals').first()).toContainText('50 hosts');
  await page.screenshot({ path: 'assets/screenshot-table-grouped-1000.png' });
  const groupedNodes = await domNodes(page);

  const vmSwitchMs = await timeUntil(
    page,
    '[data-testid="view-vm-table"]',
    '[data-testid="vm-row"]',
  );
  const vmNodes = await domNodes(page);
  // The 40 hosts whose hypervisor does not answer report no VMs: 9,604 of the 10,000.
  await expect(page.getByTestId('vm-table')).toContainText(/9,?604 VMs/);
  await expect(page.getByTestId('vm-row').first()).toContainText('Crashed');
  await page.screenshot({ path: 'assets/screenshot-vm-table-1000.png' });
  const vmScroll = await wheelFrames(page, 'vm-row', 150, 240);

  const line =
    `MEASURED tables at 1,000 hosts / 10,000 VMs in Chromium: cards → host table ${switchMs.toFixed(0)} ms ` +
    `(${hostRows} rows drawn, ${hostNodes} DOM nodes), sort by memory ${sortMs.toFixed(0)} ms, ` +
    `host table scroll (mouse wheel over the rows, ${hostScroll.frames} frames, ${hostScroll.scrolled} px) frame interval ` +
    `p50 ${hostScroll.p50.toFixed(1)} ms p99 ${hostScroll.p99.toFixed(1)} ms ` +
    `max ${hostScroll.max.toFixed(1)} ms (${hostScroll.maxNodes} nodes at most); grouped by zone ${groupedNodes} nodes; ` +
    `host table → VM table ${vmSwitchMs.toFixed(0)} ms (${vmNodes} nodes), VM table scroll (${vmScroll.frames} frames, ` +
    `${vmScroll.scrolled} px) p50 ` +
    `${vmScroll.p50.toFixed(1)} ms p99 ${vmScroll.p99.toFixed(1)} ms max ${vmScroll.max.toFixed(1)} ms ` +
    `(${vmScroll.maxNodes} nodes at most)\n`;
  process.stdout.write(line);
  test.info().annotations.push({ type: 'tables at scale', description: line.trim() });
  for (const nodes of [hostNodes, groupedNodes, vmNodes, hostScroll.maxNodes, vmScroll.maxNodes]) {
    expect(nodes).toBeLessThan(DOM_CEILING);
  }
  expect(switchMs).toBeLessThan(SWITCH_CEILING_MS);
  expect(vmSwitchMs).toBeLessThan(SWITCH_CEILING_MS);
  expect(sortMs).toBeLessThan(SORT_CEILING_MS);
  // The wheel scrolled the page (at least half of what it was turned), not only the pointer's row.
  expect(hostScroll.scrolled).toBeGreaterThan(150 * 240 * 0.5);
  expect(vmScroll.scrolled).toBeGreaterThan(150 * 240 * 0.5);
  expect(hostScroll.p99).toBeLessThan(FRAME_P99_CEILING_MS);
  expect(vmScroll.p99).toBeLessThan(FRAME_P99_CEILING_MS);
});

test('in the tables an admin picks with keys, Shift and Ctrl, resizes and sorts (kept across a reload), and drags a VM row onto a host', async ({
  page,
  openConsole,
}) => {
  const { app } = await openConsole({ demo: true });
  await expect(app.hostCards().first()).toBeVisible();
  await page.getByTestId('view-host-table').click();
  const table = page.getByTestId('host-table');
  const rows = table.getByTestId('host-row');
  await expect(rows).toHaveCount(4);

  // Keys: the first row, then one more with Shift, Enter opens the active one's details.
  await table.locator('.table-body').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(table.locator('[data-testid="host-row"][aria-selected="true"]')).toHaveCount(2);
  await page.keyboard.press('Enter');
  const second = await rows.nth(1).getAttribute('data-host-id');
  await expect(page.getByTestId('details-panel')).toContainText(second ?? '');
  // Ctrl-click adds a third; a plain click picks one alone.
  await rows.nth(3).click({ modifiers: ['Control'] });
  await expect(table.locator('[data-testid="host-row"][aria-selected="true"]')).toHaveCount(3);
  await rows.nth(2).click();
  await expect(table.locator('[data-testid="host-row"][aria-selected="true"]')).toHaveCount(1);

  // Resize the name column by its handle, sort by CPU, group by zone: all kept by the window.
  const nameHeader = table.locator('[role="columnheader"]').first();
  const before = (await nameHeader.boundingBox())?.width ?? 0;
  const handle = await table.getByTestId('resize-name').boundingBox();
  if (!handle) throw new Error('no resize handle');
  await page.mouse.move(handle.x + 4, handle.y + 10);
  await page.mouse.down();
  await page.mouse.move(handle.x + 84, handle.y + 10, { steps: 5 });
  await page.mouse.up();
  await expect
    .poll(async () => (await nameHeader.boundingBox())?.width ?? 0)
    .toBeGreaterThan(before + 60);
  await table.getByTestId('sort-cpu').click();
  await page.getByTestId('table-group-by').selectOption('zone');
  await expect(table.getByTestId('table-group')).toHaveCount(2);
  await page.reload();
  await expect(page.getByTestId('view-host-table')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('table-group-by')).toHaveValue('zone');
  await expect(table.locator('[role="columnheader"][aria-sort="descending"]')).toContainText('CPU');
  expect((await nameHeader.boundingBox())?.width ?? 0).toBeGreaterThan(before + 60);
  // A group folds and its totals stay.
  const zone = table.getByTestId('table-group').first();
  await expect(zone.getByTestId('group-totals')).toContainText('2 hosts');
  await zone.getByRole('button', { name: /Fold/ }).click();
  await expect(rows).toHaveCount(2);

  // The VMs grouped by host: a VM row dragged onto another host's header, coloured by the
  // engine's verdict on the way, opens the move's review as a drop on a host card does.
  await page.getByTestId('view-vm-table').click();
  await page.getByTestId('table-group-by').selectOption('host');
  const vmTable = page.getByTestId('vm-table');
  const vmRow = vmTable
    .getByTestId('vm-row')
    .filter({ hasText: 'demo-hv01' })
    .filter({ hasText: 'Running' })
    .first();
  const target = vmTable.locator('[data-testid="host-row"][data-host-id="demo-hv02"]');
  const from = await vmRow.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('no VM row or host row');
  await page.mouse.move(from.x + 40, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 52, from.y + 20, { steps: 4 });
  await page.mouse.move(to.x + 60, to.y + to.height / 2, { steps: 10 });
  await expect(target).toHaveAttribute('data-verdict', /^(fits|soft|refused)$/);
  const verdict = await target.getAttribute('data-verdict');
  await page.mouse.up();
  if (verdict === 'refused') {
    await expect(page.getByTestId('move-notice')).toBeVisible();
  } else {
    const review = page.getByTestId('plan-review');
    await expect(review).toBeVisible();
    await expect(review).toContainText('demo-hv02');
    await review.getByTestId('discard-plan').click();
  }
});
