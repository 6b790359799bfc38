// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookState } from '../../../shared/domain/alert';
import { App } from '../../app/App';
import { useUiStore } from '../../app/ui-store';
import { alertsBridge, NO_WEBHOOK } from '../../testing/alert-fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

const FAILING: WebhookState = {
  settings: { url: 'https://hooks.example.net/a?token=x', enabled: true },
  status: {
    queued: 1,
    dropped: 2,
    lastAttemptAt: 1000,
    lastSuccessAt: 500,
    lastError: { at: 1000, message: 'HTTP 503 Service Unavailable' },
  },
};

function open(webhook: WebhookState) {
  const fake = alertsBridge({ webhook }).handle('alerts:set-webhook', (settings) => ({
    settings,
    status: webhook.status,
  }));
  const view = renderWithApi(<App />, fake);
  act(() => useUiStore.getState().openAlerts('notifications'));
  return { fake, ...view };
}

describe('webhook settings', () => {
  it('shows the last delivery, the last failure, what waits and what was given up, live', async () => {
    const { fake } = open(FAILING);
    const status = await screen.findByTestId('webhook-status');
    expect(status.textContent).toMatch(
      /Last delivered \d\d:\d\d:\d\d\. 1 delivery waiting\. 2 deliveries given up after retries\./,
    );
    expect(within(status).getByTestId('webhook-failure').textContent).toMatch(
      /^Last failure \d\d:\d\d:\d\d: HTTP 503 Service Unavailable$/,
    );
    act(() =>
      fake.emit('alerts:webhook-changed', {
        ...FAILING,
        status: { queued: 0, dropped: 2, lastSuccessAt: 2000, lastAttemptAt: 2000 },
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('webhook-failure')).toBeNull());
  });

  it('refuses a URL that is not http(s), then saves a right one', async () => {
    const { fake } = open(NO_WEBHOOK);
    const url = await screen.findByTestId('webhook-url');
    fireEvent.change(url, { target: { value: 'ftp://example.net/x' } });
    fireEvent.click(screen.getByTestId('webhook-enabled'));
    fireEvent.click(screen.getByTestId('webhook-save'));
    expect(screen.getByTestId('webhook-url-error').textContent).toBe(
      'The URL starts with http:// or https:// and has no spaces',
    );
    expect(fake.callsTo('alerts:set-webhook')).toEqual([]);
    fireEvent.change(url, { target: { value: ' https://hooks.example.net/x ' } });
    fireEvent.click(screen.getByTestId('webhook-save'));
    await waitFor(() =>
      expect(fake.callsTo('alerts:set-webhook')).toEqual([
        { url: 'https://hooks.example.net/x', enabled: true },
      ]),
    );
  });
});
