import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetSnapshot } from '../../shared/contract/requests';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { createDemoFleet } from '../../electron/core/hypervisor/demo/demo-fleet';
import { expect, test } from '../fixtures/test';
import {
  domainState,
  domainsNamed,
  labHost,
  readLab,
  removeDomainsNamed,
  virsh,
  type LabHost,
} from '../fixtures/lab';
import { MovePage } from '../pages/move-page';

// The signature interaction on the lab's real hosts: a running guest on hv1 dragged (real pointer
// events) onto hv2, checked before the drop (hv3 in maintenance refuses, in words), confirmed by
// the plan's review, migrated live, and found running on hv2 by virsh; then undone back to hv1.
const lab = readLab();
const [hv1, hv2, hv3] = [labHost(lab, 1), labHost(lab, 2), labHost(lab, 3)];
const PREFIX = 'e2e-drag-';

const ours = (host: LabHost): string[] => domainsNamed(host, PREFIX);

/** Whatever the outcome, no e2e-drag- domain stays on any host. */
const removeOurs = (): void => removeDomainsNamed([hv1, hv2, hv3], PREFIX);

/** The lab's tiny disk-less guest (64 MiB), defined and started on `host` out of band. */
function startGuest(host: LabHost, name: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'federator-drag-'));
  try {
    chmodSync(dir, 0o755);
    const file = join(dir, 'guest.xml');
    writeFileSync(
      file,
      `<domain type='qemu'><name>${name}</name>
  <memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <features><acpi/></features>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'/><console type='pty'/><memballoon model='none'/></devices>
</domain>`,
      { mode: 0o644 },
    );
    virsh(host, 'define', file);
    virsh(host, 'start', name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Playwright's trace snapshots walk the whole DOM during page work: the scale test would time them.
test.use({ trace: 'off' });
test.beforeAll(removeOurs);
test.afterEach(removeOurs);
test.afterAll(removeOurs);

test('drag a running VM onto another host: checked before the drop, reviewed, migrated live', async ({
  page,
  openConsole,
}) => {
  test.setTimeout(240_000);
  const name = `${PREFIX}${randomBytes(3).toString('hex')}`;
  startGuest(hv1, name);

  const { app } = await openConsole();
  for (const host of [hv1, hv2, hv3]) {
    await app.addLabHost(host, lab.clientKey);
    await app.trustPresentedKey(host.hostKeyFingerprint);
    await expect(app.hostCard(host.address)).toHaveAttribute('data-state', 'connected');
  }
  const moves = new MovePage(page);
  const [h1, h2, h3] = [hv1.address, hv2.address, hv3.address];
  await expect(moves.hostCard(h1).locator(`[data-vm-name="${name}"]`)).toHaveAttribute(
    'data-state',
    'running',
  );

  // hv3 into maintenance: it proposes moving its own guest (delta) away, which we do not want.
  await moves.toggleMaintenance(h3);
  const review = page.getByTestId('plan-review');
  const proposed = await review
    .waitFor({ state: 'visible', timeout: 15_000 })
    .then(() => true)
    .catch(() => false);
  if (proposed) {
    await review.getByTestId('discard-plan').click();
    await expect(review).toBeHidden();
  }
  await expect(moves.hostCard(h3).getByTestId('maintenance-badge')).toBeVisible();
  await moves.closeDetails();

  try {
    // The drag: every host is coloured as soon as it starts; hv3 says why it refuses.
    await moves.pickUp(name);
    await expect(moves.hostCard(h1)).toHaveAttribute('data-verdict', 'source');
    await expect(moves.hostCard(h2)).toHaveAttribute('data-verdict', 'fits');
    await expect(moves.hostCard(h3)).toHaveAttribute('data-verdict', 'refused');
    await expect(moves.hostCard(h3).getByTestId('verdict-reason')).toContainText(
      'host in maintenance',
    );
    await moves.hoverHost(h3);
    await expect(moves.tooltip()).toHaveAttribute('data-verdict', 'refused');
    await expect(moves.tooltip()).toContainText('host in maintenance');
    mkdirSync('artifacts', { recursive: true });
    await page.screenshot({ path: 'artifacts/screenshot-drag.png' });
    copyFileSync('artifacts/screenshot-drag.png', 'assets/screenshot-drag.png');

    // Over hv2: it fits, with the room left after the move.
    await moves.hoverHost(h2);
    await expect(moves.tooltip()).toHaveAttribute('data-verdict', 'fits');
    await expect(moves.tooltip()).toContainText(`${h2} after the move`);
    await moves.release();
  } finally {
    await page.mouse.up().catch(() => undefined);
  }

  // The drop's confirmation is the plan's review: a live move, with an estimate.
  await expect(review).toBeVisible();
  await expect(review.getByTestId('review-row')).toHaveCount(1);
  await expect(review).toContainText(name);
  await expect(review.getByTestId('review-move-kind')).toContainText(/live/i);
  // Nothing moves before approval.
  await expect(moves.hostCard(h1).locator(`[data-vm-name="${name}"]`)).toBeVisible();
  const approved = Date.now();
  await review.getByTestId('approve-plan').click();
  await expect(review).toBeHidden();

  // The card moves when the hosts say so.
  await expect(moves.hostCard(h2).locator(`[data-vm-name="${name}"]`)).toHaveAttribute(
    'data-state',
    'running',
    { timeout: 120_000 },
  );
  const shown = Date.now() - approved;
  await expect(moves.hostCard(h1).locator(`[data-vm-name="${name}"]`)).toHaveCount(0);
  process.stdout.write(`MEASURED approve → card running under hv2: ${shown} ms\n`);
  test.info().annotations.push({ type: 'approve → card on hv2', description: `${shown} ms` });

  // virsh agrees: running on hv2, gone from hv1.
  expect(domainState(hv2, name)).toBe('running');
  expect(ours(hv1)).toEqual([]);

  // Undo last move: the way back is re-checked and reviewed like any move, then runs.
  await page.getByTestId('undo-last-move').click();
  await expect(review).toBeVisible();
  await expect(review).toContainText(`Undo: Move ${name}`);
  await review.getByTestId('approve-plan').click();
  await expect(moves.hostCard(h1).locator(`[data-vm-name="${name}"]`)).toHaveAttribute(
    'data-state',
    'running',
    { timeout: 120_000 },
  );
  await expect(moves.hostCard(h2).locator(`[data-vm-name="${name}"]`)).toHaveCount(0);
  expect(domainState(hv1, name)).toBe('running');
  await expect.poll(() => ours(hv2), { timeout: 30_000 }).toEqual([]);

  // Leave maintenance: hv3 takes VMs again.
  await moves.toggleMaintenance(h3);
  await expect(moves.hostCard(h3).getByTestId('maintenance-badge')).toHaveCount(0);
});

test.describe('at scale', () => {
  test('at 1,000 hosts and 10,000 VMs the drag colours the hosts in view at once and keeps up with the pointer', async ({
    page,
    openConsole,
  }) => {
    test.setTimeout(180_000);
    // The window over a fake bridge answering with the demo fleet at scale (the core has no switch for
    // a 1,000-host demo); the web shell only serves the page. What is timed is the window's own work.
    const fleet = demoAtScale();
    await page.addInitScript(
      ({ snapshot, settings }) => {
        const answers: Record<string, unknown> = {
          'fleet:snapshot': snapshot,
          'services:list': { services: [] },
          'settings:get': settings,
        };
        (window as unknown as Record<string, unknown>).federator = {
          invoke: (channel: string) => Promise.resolve({ ok: true, value: answers[channel] ?? [] }),
          on: () => () => undefined,
        };
      },
      { snapshot: fleet, settings: DEFAULT_SETTINGS },
    );
    await openConsole();
    await expect(page.getByTestId('host-card')).toHaveCount(fleet.hosts.length, {
      timeout: 60_000,
    });

    const figures = await page.evaluate(async () => {
      const frame = () =>
        new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));
      const pointer = (type: string, target: EventTarget, x: number, y: number) =>
        target.dispatchEvent(
          new PointerEvent(type, {
            bubbles: true,
            pointerId: 7,
            isPrimary: true,
            button: 0,
            clientX: x,
            clientY: y,
          }),
        );
      const card = document.querySelector<HTMLElement>('[data-testid="vm-card"]')!;
      const box = card.getBoundingClientRect();
      await frame();
      // Drag start: press, pass the threshold; every host card carries its verdict on the next paint.
      const t0 = performance.now();
      pointer('pointerdown', card, box.x + 5, box.y + 5);
      pointer('pointermove', window, box.x + 25, box.y + 25);
      await frame();
      const firstStartMs = performance.now() - t0;
      // Every card on screen carries its verdict (those far off screen take it when they come in).
      const onScreen = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
      };
      const cards = [...document.querySelectorAll('[data-testid="host-card"]')];
      const inView = cards.filter(onScreen);
      const inViewColoured = inView.filter((c) => c.hasAttribute('data-verdict')).length;
      const coloured = cards.filter((c) => c.hasAttribute('data-verdict')).length;
      // Scrolled to the last host mid-drag: it takes its colour within a few frames.
      const lastCard = cards[cards.length - 1]!;
      lastCard.scrollIntoView();
      let framesToColour = 0;
      while (!lastCard.hasAttribute('data-verdict') && framesToColour < 60) {
        await frame();
        framesToColour++;
      }
      cards[0]!.scrollIntoView();
      await frame();
      // A second drag: the engine's view of the fleet is built already (it is, once per change).
      pointer('pointerup', window, box.x + 25, box.y + 25);
      await frame();
      await frame();
      const t1 = performance.now();
      pointer('pointerdown', card, box.x + 5, box.y + 5);
      pointer('pointermove', window, box.x + 25, box.y + 25);
      await frame();
      const startMs = performance.now() - t1;
      // Then a new host under the pointer on every frame: the frame intervals say whether it keeps up.
      const hosts = [...document.querySelectorAll<HTMLElement>('[data-testid="host-card"]')].slice(
        0,
        12,
      );
      const intervals: number[] = [];
      let last = await frame();
      for (let i = 0; i < 240; i++) {
        const target = hosts[i % hosts.length]!.getBoundingClientRect();
        pointer('pointermove', window, target.x + 20, target.y + 20);
        const now = await frame();
        intervals.push(now - last);
        last = now;
      }
      pointer('pointercancel', window, 0, 0);
      intervals.sort((a, b) => a - b);
      const at = (p: number) =>
        intervals[Math.min(intervals.length - 1, Math.ceil(p * intervals.length) - 1)]!;
      return {
        firstStartMs,
        startMs,
        inView: inView.length,
        inViewColoured,
        coloured,
        framesToColour,
        p50: at(0.5),
        p99: at(0.99),
        max: at(1),
      };
    });
    const line =
      `MEASURED drag at ${fleet.hosts.length} hosts / ${fleet.vms.length} VMs in Chromium: drag start → ` +
      `the ${figures.inView} host cards in view (${figures.coloured} with those near it) coloured and painted in ${figures.firstStartMs.toFixed(1)} ms ` +
      `(first drag after a fleet change, engine input built) and ${figures.startMs.toFixed(1)} ms (next drag); ` +
      `a card scrolled into view coloured after ${figures.framesToColour} frames; a new hovered host every frame: frame interval p50 ${figures.p50.toFixed(1)} ms, p99 ` +
      `${figures.p99.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms (budget 16.7 ms)\n`;
    process.stdout.write(line);
    test.info().annotations.push({ type: 'drag at scale', description: line.trim() });
    expect(figures.inView).toBeGreaterThan(0);
    expect(figures.inViewColoured).toBe(figures.inView);
    expect(figures.coloured).toBeLessThan(fleet.hosts.length); // the cards out of view did no work
    expect(figures.framesToColour).toBeLessThanOrEqual(10); // frames, not milliseconds: IO, render, effect
  });
});

/** The demo fleet at 1,000 hosts × 10 VMs, shaped as the core's snapshot. */
function demoAtScale(): FleetSnapshot {
  const specs = createDemoFleet({ hosts: 1000, vmsPerHost: 10, seed: 42 });
  return {
    hosts: specs.map((spec) => ({
      config: spec.config,
      state: spec.facts.virtualLayer.status === 'ok' ? 'connected' : 'hypervisor-problem',
      facts: { value: spec.facts, at: 0 },
    })),
    vms: specs.flatMap((s) => s.vms),
    demo: true,
  };
}
