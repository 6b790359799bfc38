import { describe, expect, it } from 'vitest';
import type { HostId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context/core-context';
import { hostHandlers } from './host-handlers';

const hostId = 'h1' as HostId;

/** A fleet of one host whose link refuses a fingerprint other than the one it was shown. */
function context(trusted: string[], others: unknown[] = []): CoreContext {
  const entry = {
    config: { id: hostId, name: 'hv1' },
    host: { presentedFingerprint: 'SHA256:shown' },
    version: 1,
    link: {
      trust: (fingerprint: string): Promise<void> => {
        if (fingerprint !== 'SHA256:shown') {
          return Promise.reject(
            new AppError(
              'conflict',
              `Refused to trust ${fingerprint} for hv1: the host presented SHA256:shown`,
            ),
          );
        }
        trusted.push(fingerprint);
        return Promise.resolve();
      },
    },
  };
  return {
    hosts: {
      get: () => entry,
      all: () => [entry, ...others],
      waitSettled: () => Promise.resolve({ state: 'connected' }),
    },
  } as unknown as CoreContext;
}

describe('hosts:trust-key', () => {
  it('leaves the decision to the link: its refusal is the answer, worded with the action', async () => {
    const trusted: string[] = [];
    const trust = hostHandlers(context(trusted))['hosts:trust-key'];
    await expect(trust({ hostId, fingerprint: 'SHA256:other' })).rejects.toMatchObject({
      code: 'conflict',
      message:
        "Couldn't trust the key of host hv1: Refused to trust SHA256:other for hv1: the host presented SHA256:shown",
    });
    await expect(trust({ hostId, fingerprint: 'SHA256:shown' })).resolves.toMatchObject({
      state: 'connected',
    });
    expect(trusted).toEqual(['SHA256:shown']);
  });
});

describe('hosts:trust-key of a jump host', () => {
  it('reconnects at once the unreachable hosts reached through it, and only those', async () => {
    const reconnected: string[] = [];
    const behind = (name: string, jumpHostId: string | undefined, state: string): unknown => ({
      config: { id: name, name, ...(jumpHostId === undefined ? {} : { jumpHostId }) },
      host: { state },
      link: {
        reconnect: (): Promise<void> => {
          reconnected.push(name);
          return Promise.resolve();
        },
      },
    });
    const ctx = context(
      [],
      [
        behind('hv4', hostId, 'unreachable'), // waiting for hv1's key
        behind('hv5', hostId, 'connected'), // nothing to do
        behind('hv6', undefined, 'unreachable'), // not behind hv1
      ],
    );
    await hostHandlers(ctx)['hosts:trust-key']({ hostId, fingerprint: 'SHA256:shown' });
    expect(reconnected).toEqual(['hv4']);
  });
});

describe('hosts:remove of a jump host', () => {
  it('is refused while hosts connect through it, naming them', async () => {
    const ctx = context([], [{ config: { id: 'hv4', name: 'hv4', jumpHostId: hostId } }]);
    await expect(hostHandlers(ctx)['hosts:remove']({ hostId })).rejects.toMatchObject({
      code: 'conflict',
      message:
        "Couldn't remove host hv1: hv4 connects through it; change the jump host there first",
    });
  });
});
