import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startWebShell, type WebShell } from '../fixtures/web-shell';
import { openBigDemo } from '../fixtures/big-demo';
import { ConsolePage } from '../pages/console-page';

// The network view on the demo fleet (no lab): hosts as nodes, migration paths as edges, a broken
// path's words, a click opening a host, and at 1,000 hosts the groups first, one opened. The time
// from the click on "Network" to its nodes painted is printed (MEASURED), with a generous ceiling.

test.use({ trace: 'off' });

const FIRST_PAINT_CEILING_MS = 10_000;
/** 1,560 demo probes through the core, a busy machine: generous. */
const GROUP_CHECK_CEILING_MS = 60_000;

let shell: WebShell | undefined;
test.afterEach(async () => {
  await shell?.stop();
  shell = undefined;
});

const hostNode = (page: Page, hostId: string) =>
  page.locator(`[data-testid="net-host"][data-host-id="${hostId}"]`);

/**
 * As an admin who opens Network a moment after the window: the window, once idle, has fetched
 * the view's code (a window that has not gives up after 8 s and the click loads it).
 */
async function untilViewPreloaded(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const idle = () => new Promise((r) => requestIdleCallback(r, { timeout: 5_000 }));
    const fetched = () =>
      performance.getEntriesByType('resource').some((e) => /\/NetworkView-[^/]*\.js$/.test(e.name));
    await idle();
    for (let waited = 0; waited < 8_000 && !fetched(); waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await idle();
  });
}

/** Clicks "Network" in the page and resolves when a node is drawn and painted: ms from the click. */
async function openNetwork(page: Page): Promise<number> {
  await untilViewPreloaded(page);
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        document.querySelector<HTMLElement>('[data-testid="view-network"]')?.click();
        const look = () => {
          const node = document.querySelector('.react-flow__node');
          // React Flow keeps a node hidden until it has measured it.
          if (node && getComputedStyle(node).visibility === 'visible') {
            requestAnimationFrame(() => resolve(performance.now() - start));
          } else requestAnimationFrame(look);
        };
        look();
      }),
  );
}

test('network: the demo hosts and their paths, the host in trouble said, a click opens a host', async ({
  page,
}) => {
  shell = await startWebShell({ demo: true });
  const app = new ConsolePage(page);
  await app.open(shell.url);
  const paintMs = await openNetwork(page);
  await expect(page.getByTestId('network-view')).toHaveAttribute('data-level', 'hosts');
  await expect(page.getByTestId('net-host')).toHaveCount(4);
  // Three connected hosts, every pair working both ways: three grey edges, no broken one.
  await expect(page.locator('.react-flow__edge.net-edge-ok')).toHaveCount(3);
  await expect(page.locator('.react-flow__edge.net-edge-broken')).toHaveCount(0);
  await expect(page.getByTestId('net-path-counts')).toHaveText('Migration paths: 6 working');
  // The fourth host's hypervisor does not answer: no path, and why, on its node.
  await expect(hostNode(page, 'demo-hv04')).toContainText('Hypervisor problem');
  await expect(hostNode(page, 'demo-hv04')).toContainText('No migration paths');
  await expect(hostNode(page, 'demo-hv01')).toContainText('demo-shop');

  await hostNode(page, 'demo-hv02').click();
  await expect(page.getByTestId('details-panel')).toContainText('demo-hv02');
  await expect(hostNode(page, 'demo-hv02')).toHaveClass(/is-selected/);
  // Nodes take the focus, and Enter opens one as a click does.
  await page.locator('.react-flow__node[data-id="demo-hv03"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-panel')).toContainText('demo-hv03');

  // The search narrows the view too.
  await page.getByTestId('fleet-search').fill('demo-hv01');
  await expect(page.getByTestId('net-host')).toHaveCount(1);
  await page.getByTestId('fleet-search').fill('');
  await expect(page.getByTestId('net-host')).toHaveCount(4);
  mkdirSync('assets', { recursive: true });
  await page.screenshot({ path: 'assets/screenshot-network.png' });
  process.stdout.write(
    `MEASURED network view, demo (4 hosts), click to nodes painted: ${Math.round(paintMs)} ms\n`,
  );
  expect(paintMs).toBeLessThan(FIRST_PAINT_CEILING_MS);
});

test('network: broken paths drawn in red with an arrow, and listed with why and the fix (20 demo hosts)', async ({
  page,
}) => {
  // 20 hosts: the demo's 17th host answers none of its peers (a firewall, as the probe says it).
  shell = await startWebShell({ demo: true, demoSize: '20x3' });
  const app = new ConsolePage(page);
  await app.open(shell.url, 60_000);
  await openNetwork(page);
  await expect(page.getByTestId('net-host')).toHaveCount(20);
  const broken = page.locator('.react-flow__edge.net-edge-broken');
  await expect(broken).toHaveCount(18, { timeout: 20_000 });
  await expect(broken.first()).toHaveAttribute('aria-label', /→ demo-hv17 broken: /);
  const rows = page.getByTestId('net-broken-path');
  await expect(rows).toHaveCount(18);
  await expect(rows.first()).toContainText('→ demo-hv17');
  await expect(rows.first()).toContainText('Fix:');
  await expect(hostNode(page, 'demo-hv17')).toContainText('18 paths broken');
  // So many working paths are counted, not drawn, so the broken ones stand out.
  await expect(page.locator('.network-notes')).toContainText('working paths not drawn');
  await rows.first().getByRole('button').click();
  await expect(page.getByTestId('details-panel')).toContainText('demo-hv01');
  await page.screenshot({ path: 'artifacts/network-broken-20.png' });
});

test('network at 1,000 hosts (--demo-size 1000x10): zones first, one opened on click', async ({
  page,
}) => {
  test.setTimeout(240_000);
  shell = (await openBigDemo(page)).shell;
  const paintMs = await openNetwork(page);
  const view = page.getByTestId('network-view');
  await expect(view).toHaveAttribute('data-level', 'groups');
  const groups = page.getByTestId('net-group');
  await expect(groups).toHaveCount(20);
  await expect(page.getByTestId('net-host')).toHaveCount(0);
  // Every 25th host's hypervisor does not answer: zone d (hosts 4, 24, 44 …) holds ten of them.
  const zoneD = page.locator('[data-testid="net-group"][data-group="zone-d"]');
  await expect(zoneD).toContainText('50 hosts');
  await expect(zoneD).toContainText('10 not usable');
  const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
  await page.screenshot({ path: 'assets/screenshot-network-1000.png' });

  const openStart = Date.now();
  await zoneD.click();
  await expect(view).toHaveAttribute('data-level', 'hosts');
  await expect(page.getByTestId('net-open-group')).toHaveText('zone-d');
  await expect(page.getByTestId('net-host')).toHaveCount(50);
  const openMs = Date.now() - openStart;
  await expect(hostNode(page, 'demo-hv0004')).toContainText('No migration paths');
  await hostNode(page, 'demo-hv0024').click();
  await expect(page.getByTestId('details-panel')).toContainText('demo-hv0024');
  await page.screenshot({ path: 'assets/screenshot-network-1000-zone.png' });

  // "Check this group's migration paths": the 40 connected hosts of zone d, 1,560 ordered pairs,
  // probed now; the 10 whose hypervisor does not answer are skipped, and said so.
  const checkStart = Date.now();
  await page.getByTestId('net-check-group').click();
  const result = page.getByTestId('net-group-check-result');
  await expect(result).toContainText('Checked 1,560 paths among 40 hosts', { timeout: 60_000 });
  const checkMs = Date.now() - checkStart;
  await expect(result).toContainText('10 hosts not checked: not connected');
  // The demo's every 25th host answers none of its peers (two in zone d): those paths are broken,
  // drawn once laid out, each edge saying what failed, listed beside the graph with the fix; the
  // working ones are counted. Every one of the 1,560 pairs has a state: none left unchecked.
  const counts = await page.getByTestId('net-path-counts').textContent();
  const numbers = [...(counts ?? '').matchAll(/([\d,]+) (broken|working|not checked)/g)].map((m) =>
    Number(m[1]?.replace(/,/g, '')),
  );
  expect(numbers.reduce((a, b) => a + b, 0)).toBe(1560);
  expect(counts).toMatch(/\d+ broken, [\d,]+ working$/);
  const brokenEdges = page.locator('.react-flow__edge.net-edge-broken');
  await expect(brokenEdges.first()).toBeVisible({ timeout: 60_000 });
  await expect(brokenEdges.first().locator('.react-flow__edge-text')).toContainText(
    /^broken: demo-hv\d+ cannot reach demo-hv\d+/,
  );
  await expect(page.getByTestId('net-broken-path').first()).toContainText('Fix:');
  // Counted once drawn: a paths:changed that lands after the answer lays the graph out again.
  await expect(brokenEdges.first()).toBeVisible();
  const brokenCount = await brokenEdges.count();
  await page.screenshot({ path: 'assets/screenshot-network-1000-group-check.png' });
  await page.getByTestId('net-back').click();
  await expect(groups).toHaveCount(20);
  await expect(zoneD).toContainText(/working/);

  process.stdout.write(
    `MEASURED network view at 1,000 hosts: click to groups painted ${Math.round(paintMs)} ms, a zone opened (50 hosts) ${openMs} ms, DOM nodes ${dom}; zone d's paths checked (1,560 pairs, ${brokenCount} broken edges drawn) in ${checkMs} ms: ${counts}\n`,
  );
  expect(paintMs).toBeLessThan(FIRST_PAINT_CEILING_MS);
  expect(checkMs).toBeLessThan(GROUP_CHECK_CEILING_MS);
});
