// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HostId } from '../../../shared/domain';
import type { HostSample } from '../../../shared/domain/metrics';
import { App } from '../../app/App';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost, makeVm } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

const web = makeVm('hv1', 'web', { vcpus: 4, memoryMiB: 4096 });
const off = makeVm('hv1', 'old', { state: 'shutoff', vcpus: 8, memoryMiB: 8192 });

function sample(cpu: number, vmCpu: number): HostSample {
  return {
    hostId: HostId.parse('hv1'),
    at: 0,
    host: { cpu, memory: 16384, memoryTotalMiB: 65536 },
    vms: [{ vmId: web.id, cpu: vmCpu, memory: 3072 }],
  };
}

function setUp(first: HostSample[]) {
  const bridge = new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet([makeHost('hv1')], [web, off]))
    .handle('log:recent', () => [])
    .handle('metrics:latest', () => first);
  renderWithApi(<App />, bridge);
  return bridge;
}

const meter = (row: HTMLElement) => within(row).getByRole('meter');

describe('utilisation on the cards', () => {
  it('shows host CPU and memory in use, and what its VMs were promised with the ratios', async () => {
    setUp([sample(37.4, 12)]);
    const cpu = await screen.findByTestId('usage-cpu');
    await within(cpu).findByText('37 %');
    expect(meter(cpu).getAttribute('aria-valuenow')).toBe('37');
    const memory = screen.getByTestId('usage-memory');
    expect(memory.textContent).toContain('16.0 GiB of 64.0 GiB');
    expect(meter(memory).getAttribute('aria-valuenow')).toBe('25');
    // 16 cores × 4 (the default ratio) = 64 vCPUs; both VMs count, running or not: 12 used.
    expect(screen.getByTestId('cpu-room').textContent).toBe(
      '52 of 64 vCPUs free · 16 cores × 4 overcommit',
    );
    expect(meter(screen.getByTestId('alloc-vcpus')).getAttribute('aria-valuenow')).toBe('19');
    expect(screen.getByTestId('alloc-memory').textContent).toContain(
      '12.0 GiB of 64.0 GiB · 64.0 GiB × 1 overcommit',
    );
  });

  it('shows a running VM its CPU and memory; a shut-off VM has no meters', async () => {
    setUp([sample(10, 55)]);
    const usage = await screen.findByTestId('vm-usage');
    await within(usage).findByText('55 %');
    expect(usage.textContent).toContain('3.0 GiB');
    expect(screen.getAllByTestId('vm-usage')).toHaveLength(1);
  });

  it('follows metrics:sampled events, and says nothing made up before the first sample', async () => {
    const bridge = setUp([]);
    const cpu = await screen.findByTestId('usage-cpu');
    expect(cpu.textContent).toContain('…');
    expect(cpu.dataset.level).toBe('none');
    act(() => bridge.emit('metrics:sampled', sample(97, 5)));
    await within(cpu).findByText('97 %');
    expect(cpu.dataset.level).toBe('full');
  });
});
