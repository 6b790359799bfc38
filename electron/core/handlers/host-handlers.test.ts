import { describe, expect, it } from 'vitest';
import type { HostId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from './core-context';
import { hostHandlers } from './host-handlers';

const hostId = 'h1' as HostId;

/** A fleet of one host whose link refuses a fingerprint other than the one it was shown. */
function context(trusted: string[]): CoreContext {
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
    fleet: { get: () => entry, waitSettled: () => Promise.resolve({ state: 'connected' }) },
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
