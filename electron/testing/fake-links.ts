import type { HostConfig, HostFacts } from '../../shared/domain/host';
import { AppError } from '../../shared/errors';
import type { LinkFactory } from '../core/hosts/link-factory';
import { HostKeyError } from '../core/ssh/host-key';
import { createHostLinkMachine } from '../core/hosts/host-link-machine';
import { KeyFileError } from '../core/ssh/key-file-error';
import type { LinkPorts } from '../core/hosts/link-ports';
import { demoLinkPorts } from '../core/hosts/demo-link-ports';
import { DemoWorld } from '../core/hypervisor/demo/demo-world';

export const FINGERPRINT = 'SHA256:fake-host-key';

/**
 * For core tests: each host a still simulated host (the demo world, no VMs) behind the host link
 * machine real hosts run; only the way in is pretend. Trust on first use of FINGERPRINT, then
 * connected. The address picks the outcome ("*.refuses" refuses every login, "*.hangs" never
 * answers), and so does the key file once the host key is trusted ("*wrong" is refused, "*locked"
 * needs its passphrase "open").
 */
export const fakeLinks: LinkFactory = (config, { trustedKeys, listener, passphrase, pollMs }) => {
  const world = new DemoWorld([{ config, facts: stillFacts(config), vms: [] }], { tickMs: 0 });
  const demo = demoLinkPorts(world, config.id, 2);
  const ports: LinkPorts = {
    ...demo,
    async connect(trusted, timing, signal) {
      const key = config.keyPath ?? '';
      if (config.address.endsWith('.hangs')) return hang(signal);
      if (config.address.endsWith('.refuses')) throw refused('permission denied');
      if (trusted === undefined) {
        throw new HostKeyError('host-key-unknown', 'unknown key', FINGERPRINT, {
          keyType: 'ED25519',
        });
      }
      if (trusted !== FINGERPRINT) {
        throw new HostKeyError('host-key-changed', 'changed key', FINGERPRINT, {
          keyType: 'ED25519',
        });
      }
      if (key.endsWith('locked') && passphrase !== 'open') {
        throw new KeyFileError('passphrase needed', {
          passphrase: passphrase === undefined ? 'missing' : 'wrong',
        });
      }
      if (key.endsWith('wrong')) throw refused('permission denied');
      return demo.connect(trusted, timing, signal);
    },
  };
  const link = createHostLinkMachine(
    config,
    { trustedKeys, listener, ...(pollMs === undefined ? {} : { pollMs }) },
    ports,
  );
  return { ...link, close: () => link.close().finally(() => world.stop()) };
};

function refused(message: string): AppError {
  return new AppError('auth-failed', message, { retryable: false });
}

/** An attempt that never settles, until the link gives up on it. */
function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(new AppError('cancelled', 'gave up')), {
      once: true,
    }),
  );
}

/** The facts of a healthy, idle simulated host. */
export function stillFacts(config: HostConfig): HostFacts {
  return {
    hostname: config.name,
    os: { name: 'Debian GNU/Linux 13', kernel: '6.12.0', uptimeSeconds: 86_400, load: [0, 0, 0] },
    cpu: { cores: 8, model: 'fake' },
    memoryMiB: 32_768,
    virtualLayer: {
      status: 'ok',
      kind: 'kvm',
      hypervisorVersion: 'QEMU 9.2.0',
      libvirtVersion: '11.3.0',
      uri: config.uri,
      liveMigration: true,
    },
  };
}
