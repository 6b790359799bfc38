import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabHost } from '../../lab/lab-description';

/**
 * Debian's real prometheus, prometheus-node-exporter and prometheus-libvirt-exporter (lab.sh
 * packages installs them) on loopback, for the lab: a node exporter on each lab host's address
 * (:9100; every lab host is this machine, each on its own address), a libvirt exporter as each
 * host's user against its qemu:///session (:9177), and one Prometheus scraping them every second.
 * Each process is started directly (setpriv execs, no shell) so its PID is the one killed.
 */
export interface PrometheusLab {
  url: string;
  stop(): Promise<void>;
}

export const NODE_PORT = 9100;
export const LIBVIRT_PORT = 9177;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startPrometheusLab(hosts: readonly LabHost[]): Promise<PrometheusLab> {
  const dir = mkdtempSync(join(tmpdir(), 'federator-prometheus-'));
  const children: ChildProcess[] = [];
  const output: string[] = [];
  const start = (command: string, args: string[]) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
    child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    children.push(child);
  };
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            if (child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const host of hosts) {
      start('prometheus-node-exporter', [`--web.listen-address=${host.address}:${NODE_PORT}`]);
      const uid = execFileSync('id', ['-u', host.user], { encoding: 'utf8' }).trim();
      start('setpriv', [
        `--reuid=${uid}`,
        `--regid=${uid}`,
        '--init-groups',
        'env',
        '-i',
        `HOME=${host.home}`,
        'PATH=/usr/bin:/bin',
        'prometheus-libvirt-exporter',
        `--web.listen-address=${host.address}:${LIBVIRT_PORT}`,
        `--libvirt.uri=${host.uri}`,
      ]);
    }
    const port = await freePort();
    const targets = (p: number) => hosts.map((h) => `'${h.address}:${p}'`).join(', ');
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global: { scrape_interval: 1s, scrape_timeout: 900ms }',
        'scrape_configs:',
        `  - { job_name: node, static_configs: [ { targets: [${targets(NODE_PORT)}] } ] }`,
        `  - { job_name: libvirt, static_configs: [ { targets: [${targets(LIBVIRT_PORT)}] } ] }`,
        '',
      ].join('\n'),
    );
    start('prometheus', [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ]);
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const ready = await fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      const dead = children.find((c) => c.exitCode !== null);
      if (dead !== undefined || Date.now() > deadline) {
        throw new Error(`Prometheus lab did not come up:\n${output.join('').slice(-3000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Ready is not scraped: a test that asks at once can find no target yet (seen in CI). Wait
    // until every exporter has been scraped up, or say which is not and why.
    await allTargetsUp(url, hosts.length * 2, output);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A guest that burns its one vCPU from the first instruction: a 512-byte boot sector that jumps
 * to itself (EB FE), booted by SeaBIOS. No kernel needed; `virsh destroy` stops it.
 */
export function spinningGuestXml(name: string, owner: LabHost): { xml: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'federator-spin-'));
  chmodSync(dir, 0o755);
  const image = join(dir, 'spin.img');
  const sector = Buffer.alloc(512);
  sector.set([0xeb, 0xfe], 0);
  sector.set([0x55, 0xaa], 510);
  writeFileSync(image, sector);
  const uid = Number(execFileSync('id', ['-u', owner.user], { encoding: 'utf8' }).trim());
  chownSync(image, uid, uid);
  const xml = `<domain type='qemu'>
  <name>${name}</name>
  <metadata><lab:guest xmlns:lab='urn:federator:lab'/></metadata>
  <memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${image}'/><target dev='hda' bus='ide'/></disk>
    <serial type='pty'/><console type='pty'/><memballoon model='none'/></devices>
</domain>`;
  return { xml, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function allTargetsUp(url: string, expected: number, output: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const body = await fetch(`${url}/api/v1/targets?state=active`).then(
      (r) => r.text(),
      () => '',
    );
    const targets = (() => {
      try {
        const parsed = JSON.parse(body) as {
          data?: { activeTargets?: { scrapeUrl: string; health: string; lastError: string }[] };
        };
        return parsed.data?.activeTargets ?? [];
      } catch {
        return [];
      }
    })();
    const up = targets.filter((t) => t.health === 'up').length;
    if (up >= expected) return;
    if (Date.now() > deadline) {
      const states = targets.map((t) => `${t.scrapeUrl}: ${t.health} ${t.lastError}`).join('\n');
      throw new Error(
        `Prometheus lab: ${up} of ${expected} targets up after 30 s:\n${states}\n${output.join('').slice(-3000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
