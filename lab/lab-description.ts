import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The lab's description, written by `lab/lab.sh up` to .lab/lab.json (lab/README.md): real sshd +
 * libvirt hosts on loopback. The one reader of that file, for the lab tests, the e2e specs and the
 * benchmarks. Always take the port from here: it is 2222 when a system sshd holds port 22.
 */
export interface Lab {
  clientKey: string;
  passphraseKey: string;
  passphrase: string;
  wrongKey: string;
  knownHosts: string;
  hosts: LabHost[];
  /**
   * Present after `lab.sh jump-host`: a host root (the console) cannot reach, only through the host
   * `jumpVia` (ProxyJump). Kept out of `hosts`, so tests that count the lab's hosts keep their meaning.
   */
  jumpHost?: LabHost;
  jumpVia?: number;
}

export interface LabHost {
  index: number;
  name: string;
  address: string;
  port: number;
  user: string;
  uri: string;
  sshdPid: number | null;
  /** The key the host presents now (fault injection may have rotated it). */
  hostKeyFingerprint: string;
  /** The key it had when the lab came up. */
  originalHostKeyFingerprint: string;
  home: string;
  guests: string[];
  /**
   * The host user's default storage pool (lab/pool.sh): a directory pool holding `baseVolume` and a
   * qcow2 overlay `lab-<guest>.qcow2` over it per baseline guest, which names it as a pool volume.
   */
  pool?: { name: string; path: string; baseVolume: string };
  /** Present while its BMC runs (`lab.sh bmc up [I]`): IPMI over LAN on 127.0.0.2<i>:623. */
  bmc?: { address: string; port: number; user: string; password: string; pid: number };
}

export const LAB_FILE = resolve(import.meta.dirname, '../.lab/lab.json');

export function labIsUp(): boolean {
  return existsSync(LAB_FILE);
}

/** Read .lab/lab.json, or fail loudly: what uses the lab proves nothing without the real hosts. */
export function readLab(): Lab {
  if (!labIsUp()) {
    throw new Error(`The lab is not up (${LAB_FILE} is missing): run \`bash lab/lab.sh up\` first`);
  }
  const lab = JSON.parse(readFileSync(LAB_FILE, 'utf8')) as Lab;
  for (const host of lab.hosts) {
    // Only ever loopback: the lab's users stop daemons and inject faults.
    if (!host.address.startsWith('127.')) {
      throw new Error(`Lab host ${host.name} is not on loopback (${host.address})`);
    }
  }
  return lab;
}

export function labHost(lab: Lab, index: number): LabHost {
  const host = lab.hosts.find((h) => h.index === index);
  if (host === undefined) throw new Error(`The lab has no host ${index}`);
  return host;
}

/** The host behind the jump host, or fail loudly: run `bash lab/lab.sh jump-host` after `up`. */
export function labJumpHost(lab: Lab): { host: LabHost; via: LabHost } {
  if (lab.jumpHost === undefined || lab.jumpVia === undefined) {
    throw new Error('The lab has no jump host: run `bash lab/lab.sh jump-host` after `up`');
  }
  return { host: lab.jumpHost, via: labHost(lab, lab.jumpVia) };
}
