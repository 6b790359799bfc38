// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import { useUiStore } from '../../app/ui-store';
import { alertList, alertsBridge, makeAlert } from '../../testing/alert-fixtures';
import { FakeConnection } from '../../testing/fake-connection';
import { renderWithApi } from '../../testing/render';
import { NOTIFY_KEY } from './browser-notifications';

/** The browser's Notification, recording what the page shows. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static shown: { title: string; options: NotificationOptions | undefined }[] = [];
  static requestPermission = vi.fn(() => {
    FakeNotification.permission = 'granted';
    return Promise.resolve(FakeNotification.permission);
  });
  onclick: (() => void) | null = null;
  constructor(title: string, options?: NotificationOptions) {
    FakeNotification.shown.push({ title, options });
  }
  close(): void {}
}

beforeEach(() => {
  FakeNotification.permission = 'default';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  vi.stubGlobal('Notification', FakeNotification);
  window.localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open(options: { web: boolean }) {
  const fake = alertsBridge({ list: alertList([makeAlert('before')]) });
  const view = renderWithApi(
    <App />,
    fake,
    options.web ? { connection: new FakeConnection() } : {},
  );
  return { fake, ...view };
}

describe('browser notifications in the web console', () => {
  it('asks permission on the switch, then shows one notification per fired alert', async () => {
    const { fake } = open({ web: true });
    act(() => useUiStore.getState().openAlerts('notifications'));
    const toggle = await screen.findByTestId('browser-notify');
    expect(toggle).toHaveProperty('checked', false);
    // Nothing is asked before the admin's click.
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle).toHaveProperty('checked', true));
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId('alerts-badge').dataset.count).toBe('1'));

    const fired = makeAlert('a1', { severity: 'critical', ruleName: 'Host CPU high' });
    act(() => fake.emit('alerts:fired', fired));
    act(() => fake.emit('alerts:changed', { ...fired, value: 99 }));
    act(() => fake.emit('alerts:fired', fired)); // delivered twice: still one notification
    act(() => fake.emit('alerts:fired', makeAlert('before'))); // open before the page loaded
    act(() => fake.emit('alerts:fired', makeAlert('a2')));
    expect(FakeNotification.shown.map((n) => [n.title, n.options?.tag])).toEqual([
      ['Critical: Host CPU high', 'a1'],
      ['Warning: Host CPU high', 'a2'],
    ]);
    expect(FakeNotification.shown[0]?.options?.body).toBe(
      'hv1: host CPU 96 % (above 90 % for 2 min)',
    );
  });

  it('says why it cannot when the browser blocks notifications', async () => {
    FakeNotification.permission = 'denied';
    open({ web: true });
    act(() => useUiStore.getState().openAlerts('notifications'));
    expect(await screen.findByTestId('browser-notify')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('browser-notify-state').textContent).toMatch(
      /^This browser blocks notifications from the console/,
    );
  });
});

describe('in the desktop window', () => {
  it('shows no browser notification: the core shows the desktop one', async () => {
    FakeNotification.permission = 'granted';
    window.localStorage.setItem(NOTIFY_KEY, 'on');
    const { fake } = open({ web: false });
    await waitFor(() => expect(screen.getByTestId('alerts-badge').dataset.count).toBe('1'));
    act(() => fake.emit('alerts:fired', makeAlert('a1')));
    await waitFor(() => expect(screen.getByTestId('alerts-badge').dataset.count).toBe('2'));
    expect(FakeNotification.shown).toEqual([]);
    act(() => useUiStore.getState().openAlerts('notifications'));
    expect(await screen.findByTestId('desktop-notify-note')).toBeTruthy();
    expect(screen.queryByTestId('browser-notify')).toBeNull();
  });
});
