// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../../shared/domain/settings';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  type Settings,
} from '../../../shared/domain/settings';
import { App } from '../../app/App';
import { FakeBridge } from '../../testing/fake-bridge';
import { makeFleet, makeHost } from '../../testing/fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

const hv1 = makeHost('hv1');
const hv2 = makeHost('hv2');

function bridge() {
  let settings: Settings = DEFAULT_SETTINGS;
  const patches: SettingsPatch[] = [];
  const tested: string[] = [];
  const fake = new FakeBridge()
    .handle('fleet:snapshot', () => makeFleet([hv1, hv2], []))
    .handle('log:recent', () => [])
    .handle('settings:get', () => settings)
    .handle('metrics:source', () => ({
      source: 'prometheus',
      state: 'ok',
      fromPrometheus: [hv1.config.id],
      overSsh: [{ hostId: hv2.config.id, reason: { code: 'down' } }],
    }))
    .handle('metrics:prometheus-test', ({ url }) => {
      tested.push(url);
      return {
        ok: true,
        ms: 12,
        nodeTargets: 1,
        libvirtTargets: 1,
        matched: [hv1.config.id],
        unmatched: [
          {
            hostId: hv2.config.id,
            reason: { code: 'no-node-exporter', at: { address: '10.0.0.2' } },
          },
        ],
      };
    })
    .handle('settings:update', (patch) => {
      patches.push(patch);
      settings = applySettingsPatch(settings, patch);
      return settings;
    });
  return { fake, patches, tested };
}

async function openPrometheus(fake: FakeBridge) {
  renderWithApi(<App />, fake);
  await screen.findByTestId('app-ready');
  fireEvent.click(screen.getByTestId('settings-button'));
  const dialog = await screen.findByTestId('settings-dialog');
  return { dialog, section: within(dialog).getByTestId('prometheus-settings') };
}

describe('Prometheus in the settings dialog', () => {
  it('tests the URL as typed and says how many hosts it matched, naming the ones left on SSH', async () => {
    const { fake, tested } = bridge();
    const { section } = await openPrometheus(fake);
    const test = within(section).getByTestId('prometheus-test');
    expect((test as HTMLButtonElement).disabled).toBe(true); // nothing to test yet
    fireEvent.change(within(section).getByTestId('prometheus-url'), {
      target: { value: ' http://prom.example:9090 ' },
    });
    fireEvent.click(test);
    const result = await within(section).findByTestId('prometheus-test-result');
    expect(tested).toEqual(['http://prom.example:9090']);
    expect(result.textContent).toContain(
      'Matched 1 of 2 hosts (1 node_exporter, 1 libvirt exporter targets; 12 ms)',
    );
    expect(result.textContent).toContain(
      `${hv2.config.name}: Prometheus has no node_exporter at 10.0.0.2 (any port); stays on SSH`,
    );
    expect(within(section).getByTestId('prometheus-status').textContent).toBe(
      'Now: 1 host from Prometheus, 1 over SSH.',
    );
  });

  it('refuses to switch on without a URL or with a bad one, then saves only what changed', async () => {
    const { fake, patches } = bridge();
    const { dialog, section } = await openPrometheus(fake);
    fireEvent.click(within(section).getByTestId('prometheus-enabled'));
    fireEvent.click(within(dialog).getByTestId('settings-save'));
    expect(within(section).getByTestId('prometheus-url-error').textContent).toBe(
      'Give the Prometheus URL before switching it on',
    );
    fireEvent.change(within(section).getByTestId('prometheus-url'), {
      target: { value: 'ftp://prom.example' },
    });
    fireEvent.click(within(dialog).getByTestId('settings-save'));
    expect(within(section).getByTestId('prometheus-url-error').textContent).toBe(
      'Must start with http:// or https://',
    );
    expect(patches).toEqual([]);
    fireEvent.change(within(section).getByTestId('prometheus-url'), {
      target: { value: 'http://prom.example:9090' },
    });
    fireEvent.change(within(section).getByTestId('prometheus-interval'), {
      target: { value: '30' },
    });
    fireEvent.click(within(dialog).getByTestId('settings-save'));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toEqual({
      prometheus: { enabled: true, url: 'http://prom.example:9090', intervalSeconds: 30 },
    });
  });
});
