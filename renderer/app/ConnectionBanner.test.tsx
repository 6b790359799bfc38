// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBridge } from '../testing/fake-bridge';
import { FakeConnection } from '../testing/fake-connection';
import { makeFleet } from '../testing/fixtures';
import { renderWithApi } from '../testing/render';
import { App } from './App';

afterEach(cleanup);

const bridge = () =>
  new FakeBridge().handle('fleet:snapshot', () => makeFleet([])).handle('log:recent', () => []);

describe('the web shell link, as the page shows it', () => {
  it('a console that is down: the reconnect banner, and the console stays on screen', async () => {
    const connection = new FakeConnection();
    renderWithApi(<App />, bridge(), { connection });
    await screen.findByTestId('app-ready');
    act(() => connection.set('reconnecting', { retryInMs: 2000 }));
    expect(screen.getByTestId('connection-banner').textContent).toContain(
      'Lost the connection to the console. Reconnecting (next try in 2 s)',
    );
    expect(screen.queryByTestId('token-rejected')).toBeNull();
    act(() => connection.set('reconnecting', { everOpened: false }));
    expect(screen.getByTestId('connection-banner').textContent).toContain(
      'Is npm run web still running?',
    );
    act(() => connection.set('open'));
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });

  it('a refused token: says plainly what to do, with no reconnect banner', async () => {
    const connection = new FakeConnection();
    renderWithApi(<App />, bridge(), { connection });
    act(() => connection.set('rejected', { everOpened: false }));
    const page = await screen.findByTestId('token-rejected');
    expect(page.getAttribute('role')).toBe('alert');
    expect(page.textContent).toContain(
      'This page’s access token is not valid: open the URL printed by npm run web again (the token changes with every run).',
    );
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });
});
