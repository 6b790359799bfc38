// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HostId, type LogEntry } from '../../../shared/domain';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';
import { EventLog } from './EventLog';

afterEach(cleanup);

const line = (
  seq: number,
  level: LogEntry['level'],
  message: string,
  extra: Partial<LogEntry> = {},
): LogEntry => ({
  seq,
  at: Date.UTC(2026, 10, 1, 12, 0, seq),
  level,
  message,
  ...extra,
});

describe('EventLog', () => {
  it('lists recent lines newest first with their level in words, then prepends pushed ones', async () => {
    const fake = new FakeBridge()
      .handle('fleet:snapshot', () => makeFleet([makeHost('hv1')]))
      .handle('log:recent', () => [
        line(1, 'info', 'first'),
        line(3, 'error', 'third', { hostId: HostId.parse('hv1'), detail: 'stderr text' }),
        line(2, 'warning', 'second'),
      ]);
    renderWithApi(<EventLog />, fake);
    const log = screen.getByTestId('event-log');
    await waitFor(() => expect(within(log).getAllByTestId('log-entry')).toHaveLength(3));
    const entries = () => within(log).getAllByTestId('log-entry');
    expect(entries().map((e) => e.dataset.level)).toEqual(['error', 'warning', 'info']);
    expect(entries()[0]!.textContent).toContain('Error');
    await waitFor(() => expect(entries()[0]!.textContent).toContain('hv1'));
    expect(within(entries()[0]!).getByText('stderr text')).toBeTruthy();

    act(() => fake.emit('log:appended', line(4, 'info', 'fourth')));
    await waitFor(() => expect(entries()[0]!.textContent).toContain('fourth'));

    fireEvent.click(within(log).getByRole('button', { name: /Event log/ }));
    expect(within(log).queryAllByTestId('log-entry')).toHaveLength(0);
  });

  it('names the host as the fleet does now, or as the line recorded it once the host is gone', async () => {
    const fake = new FakeBridge()
      .handle('fleet:snapshot', () =>
        makeFleet([makeHost('web-1', { config: { id: HostId.parse('a-1') } })]),
      )
      .handle('log:recent', () => [
        line(1, 'info', 'renamed since', { hostId: HostId.parse('a-1'), hostName: 'old-name' }),
        line(2, 'error', 'gone since', { hostId: HostId.parse('b-2'), hostName: 'hv-removed' }),
        line(3, 'info', 'very old line', { hostId: HostId.parse('c-3') }),
      ]);
    renderWithApi(<EventLog />, fake);
    const log = screen.getByTestId('event-log');
    await waitFor(() => expect(within(log).getAllByTestId('log-entry')).toHaveLength(3));
    const hosts = () =>
      within(log)
        .getAllByTestId('log-entry')
        .map((e) => e.querySelector('.log-host')?.textContent);
    await waitFor(() => expect(hosts()).toEqual(['c-3', 'hv-removed', 'web-1']));
  });

  it('shows a burst once, opens it to its members, and filters by severity and text', async () => {
    const connected = Array.from({ length: 250 }, (_, i) =>
      line(i + 1, 'info', `hv${i}: connected`, {
        category: 'host',
        kind: 'connected',
        hostId: HostId.parse(`hv${i}`),
        hostName: `hv${i}`,
      }),
    );
    const fake = new FakeBridge()
      .handle('fleet:snapshot', () => makeFleet([]))
      .handle('log:recent', () => [
        ...connected,
        line(300, 'error', 'hv7: web-1 crashed (its QEMU process ended)', { vmName: 'web-1' }),
      ]);
    renderWithApi(<EventLog />, fake);
    const log = screen.getByTestId('event-log');
    await waitFor(() => expect(within(log).getAllByTestId('log-burst')).toHaveLength(1));
    const burst = within(log).getByTestId('log-burst');
    expect(burst.textContent).toContain('250 hosts connected');
    expect(within(log).getAllByTestId('log-entry')).toHaveLength(1); // the crash
    fireEvent.click(within(burst).getByRole('button', { name: /250 hosts connected/ }));
    expect(within(burst).getAllByTestId('log-entry')).toHaveLength(100); // a page, not 250
    fireEvent.click(within(burst).getByRole('button', { name: /Show 100 more of 150/ }));
    expect(within(burst).getAllByTestId('log-entry')).toHaveLength(200);

    fireEvent.change(within(log).getByLabelText('Severity'), { target: { value: 'problems' } });
    expect(within(log).queryAllByTestId('log-burst')).toHaveLength(0);
    expect(
      within(log)
        .getAllByTestId('log-entry')
        .map((e) => e.dataset.level),
    ).toEqual(['error']);
    fireEvent.change(within(log).getByLabelText('Severity'), { target: { value: 'all' } });
    fireEvent.change(within(log).getByLabelText('Search the event log'), {
      target: { value: 'HV12:' },
    });
    expect(
      within(log)
        .getAllByTestId('log-entry')
        .map((e) => e.textContent),
    ).toEqual([expect.stringContaining('hv12: connected')]);
    fireEvent.click(within(log).getByRole('button', { name: 'Clear filters' }));
    expect(within(log).getAllByTestId('log-burst')).toHaveLength(1);
  });
});
