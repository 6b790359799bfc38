// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { Providers } from '../../app/Providers';
import { FakeBridge } from '../../testing/fake-bridge';
import { useConsoleSession, type ConsoleScreen } from './use-console-session';

afterEach(cleanup);

const TARGET = { hostId: 'hv1', vmId: 'vm-1' };

function setup(bridge: FakeBridge) {
  const drawn: string[] = [];
  const screen: ConsoleScreen = {
    write: (bytes, done) => {
      drawn.push(new TextDecoder().decode(bytes));
      done();
    },
    size: () => ({ cols: 120, rows: 40 }),
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Providers bridge={bridge}>{children}</Providers>
  );
  const hook = renderHook(() => useConsoleSession(TARGET, screen), { wrapper });
  return { hook, drawn };
}

describe('a serial console session in the window', () => {
  it('opens at the screen size, listens, draws and acknowledges output, sends keys, closes on unmount', async () => {
    const bridge = new FakeBridge()
      .handle('console:open', () => ({ consoleId: 'c1' }))
      .handle('console:ack', () => null)
      .handle('console:input', () => null)
      .handle('console:close', () => null);
    const { hook, drawn } = setup(bridge);
    await waitFor(() => expect(hook.result.current.status.kind).toBe('open'));
    expect(bridge.callsTo('console:open')).toEqual([{ ...TARGET, size: { cols: 120, rows: 40 } }]);
    await waitFor(() =>
      expect(bridge.callsTo('console:ack')).toEqual([{ consoleId: 'c1', bytes: 0 }]),
    );
    act(() => bridge.emit('console:output', { consoleId: 'c1', data: btoa('hello\r\n') }));
    act(() => bridge.emit('console:output', { consoleId: 'other', data: btoa('not ours') }));
    expect(drawn).toEqual(['hello\r\n']);
    await waitFor(() =>
      expect(bridge.callsTo('console:ack')).toContainEqual({ consoleId: 'c1', bytes: 7 }),
    );
    act(() => hook.result.current.send('echo hi\r'));
    await waitFor(() =>
      expect(bridge.callsTo('console:input')).toEqual([{ consoleId: 'c1', data: 'echo hi\r' }]),
    );
    hook.unmount();
    await waitFor(() => expect(bridge.callsTo('console:close')).toEqual([{ consoleId: 'c1' }]));
  });

  it('shows why it ended, and Reconnect opens a new console', async () => {
    let n = 0;
    const bridge = new FakeBridge()
      .handle('console:open', () => ({ consoleId: `c${++n}` }))
      .handle('console:ack', () => null);
    const { hook } = setup(bridge);
    await waitFor(() => expect(hook.result.current.status.kind).toBe('open'));
    act(() =>
      bridge.emit('console:closed', {
        consoleId: 'c1',
        message: 'The serial console of VM vm-1 on hv1 ended: The domain is not running',
      }),
    );
    expect(hook.result.current.status).toEqual({
      kind: 'ended',
      message: 'The serial console of VM vm-1 on hv1 ended: The domain is not running',
    });
    act(() => hook.result.current.reconnect());
    await waitFor(() => expect(hook.result.current.status.kind).toBe('open'));
    expect(bridge.callsTo('console:open')).toHaveLength(2);
  });

  it('says a refusal to open in words', async () => {
    const bridge = new FakeBridge().handle('console:open', () => {
      throw new AppError(
        'invalid-request',
        "Couldn't open the serial console of VM 'vm-1' on hv1: it has no serial device",
      );
    });
    const { hook } = setup(bridge);
    await waitFor(() => expect(hook.result.current.status.kind).toBe('failed'));
    const status = hook.result.current.status;
    expect(status.kind === 'failed' && status.error.message).toContain('it has no serial device');
  });
});
