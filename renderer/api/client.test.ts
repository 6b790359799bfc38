// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { HostId } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { FakeBridge } from '../testing/fake-bridge';
import { createClient } from './client';

describe('client.call', () => {
  it('returns the value of an ok envelope', async () => {
    const bridge = new FakeBridge().handle('demo:set', () => null);
    await expect(createClient(bridge).call('demo:set', { enabled: true })).resolves.toBeNull();
  });

  it('throws a real AppError rebuilt from an error envelope, detail included', async () => {
    const bridge = new FakeBridge().handle('hosts:remove', () => {
      throw new AppError('not-found', 'No host hv9', { detail: 'inventory lookup' });
    });
    const error: unknown = await createClient(bridge)
      .call('hosts:remove', { hostId: HostId.parse('hv9') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'not-found',
      message: 'No host hv9',
      detail: 'inventory lookup',
    });
  });

  it('turns a bridge that throws into an internal AppError', async () => {
    const bridge = new FakeBridge();
    bridge.invoke = () => Promise.reject(new Error('IPC closed'));
    const error: unknown = await createClient(bridge)
      .call('fleet:snapshot', {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'internal', message: 'IPC closed' });
  });
});
