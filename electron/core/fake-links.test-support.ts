import type { Host } from '../../shared/domain/host';
import { AppError } from '../../shared/errors';
import type { LinkFactory } from './fleet/link-factory';
import type { HostLink } from './hosts/host-link';

export const FINGERPRINT = 'SHA256:fake-host-key';

/**
 * For core tests: a stand-in for the SSH + libvirt link with the same outward behaviour, trust on
 * first use, then connected. The address picks the outcome ("*.refuses" fails auth, "*.hangs" never
 * settles), and so does the key file ("*wrong" is refused, "*locked" needs its passphrase "open").
 */
export const fakeLinks: LinkFactory = (config, { trustedKeys, listener, passphrase }) => {
  let host: Host = { config, state: 'disconnected' };
  const set = (next: Omit<Host, 'config'>): void => {
    host = { config, ...next };
    listener.host(host);
  };
  const refused = (message: string, passphraseState?: 'missing' | 'wrong'): void =>
    set({
      state: 'auth-failed',
      stateDetail: message,
      problem: {
        code: passphraseState ? 'key-file' : 'auth-failed',
        message,
        ...(passphraseState ? { passphrase: passphraseState } : {}),
      },
    });
  const attempt = (): void => {
    set({ state: 'connecting' });
    setTimeout(() => {
      const key = config.keyPath ?? '';
      if (config.address.endsWith('.hangs')) return;
      if (key.endsWith('locked') && passphrase !== 'open') {
        refused('passphrase needed', passphrase === undefined ? 'missing' : 'wrong');
      } else if (config.address.endsWith('.refuses') || key.endsWith('wrong')) {
        refused('permission denied');
      } else if (trustedKeys.get(config.id)?.fingerprint === FINGERPRINT) {
        set({ state: 'connected' });
      } else {
        const message = 'unknown key';
        set({
          state: 'host-key-unknown',
          presentedFingerprint: FINGERPRINT,
          presentedKeyType: 'ED25519',
          problem: { code: 'host-key-unknown', message },
        });
      }
    }, 2);
  };
  const link: HostLink = {
    id: config.id,
    current: () => ({ host, vms: [] }),
    open: attempt,
    trust: async (fingerprint) => {
      await trustedKeys.set(config.id, { fingerprint, keyType: 'ED25519' });
      attempt();
    },
    reconnect: () => Promise.resolve(attempt()),
    disconnect: () => Promise.resolve(set({ state: 'disconnected' })),
    act: () => Promise.resolve(),
    // No hypervisor behind a fake link: a test that needs one uses the demo world or the lab.
    hypervisor: () =>
      Promise.reject(
        new AppError(
          'unreachable',
          `${config.name} is not connected (a fake link has no hypervisor)`,
          {
            hostId: config.id,
          },
        ),
      ),
    close: () => Promise.resolve(),
  };
  return link;
};
