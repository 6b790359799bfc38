import { z } from 'zod';
import {
  HostCpuCount,
  LoadAverage,
  MemoryKiB,
  MemoryMiB,
  UptimeSeconds,
  VcpuCount,
} from '../../shared/domain/host-figures';
import { HostId } from '../../shared/domain/ids';
import { Vm, VmState } from '../../shared/domain/vm';
import { keyTypeOf } from '../core/ssh/host-key';
import { LineSplitter } from '../core/ssh/line-splitter';
import { fixture } from '../core/hypervisor/libvirt/fixtures';
import { hostOutput, type FuzzTarget } from './host-output-fuzz';
import { describePathFailureOrRaw } from '../core/hypervisor/libvirt/migration-path-words';
import { MigrationProgress, withoutProgress } from '../core/hypervisor/libvirt/migration-progress';
import { parseDomainList, parseUuidList } from '../core/hypervisor/libvirt/parse-domain-list';
import { parseDefinitionXml, parseDomainXml } from '../core/hypervisor/libvirt/parse-domain-xml';
import { parseDomstats } from '../core/hypervisor/libvirt/parse-domstats';
import { parseEventLine } from '../core/hypervisor/libvirt/parse-event';
import { parseOsFacts, parseOsRelease } from '../core/hypervisor/libvirt/parse-os-facts';
import { parseVirtFacts } from '../core/hypervisor/libvirt/parse-virt-facts';
import { missingProgram } from '../core/hypervisor/libvirt/shell-failure';
import { libvirtReason, virshBatch, virshErrors } from '../core/hypervisor/libvirt/virsh-batch';
import { assembleVms } from '../core/hypervisor/libvirt/vm-listing';

/** Parts of a multi-part output are joined by this in the fuzzed string (mutations may break it). */
const PART = '\n@@part@@\n';
const parts = (input: string, count: number): string[] => {
  const cut = input.split(PART);
  while (cut.length < count) cut.push('');
  return cut.slice(0, count);
};

const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const Name = z.string().min(1);
const Listed = z.array(z.object({ uuid: Uuid, name: Name }));
const Stats = z.map(
  z.string(),
  z.object({
    state: VmState,
    stateReason: z.string().optional(),
    vcpus: VcpuCount.optional(),
    memoryKiB: MemoryKiB.optional(),
  }),
);
const Definition = z.object({
  uuid: Uuid.optional(),
  name: Name,
  vcpus: VcpuCount,
  memoryKiB: MemoryKiB,
  application: z.string().optional(),
  service: z.string().optional(),
});
const OsFactsBounds = z.object({
  hostname: z.string(),
  os: z.object({
    name: z.string(),
    kernel: z.string().min(1),
    uptimeSeconds: UptimeSeconds,
    load: z.tuple([LoadAverage, LoadAverage, LoadAverage]),
  }),
  cpu: z.object({ cores: HostCpuCount, model: z.string() }),
  memoryMiB: MemoryMiB,
  virshPath: z.string().optional(),
});
const VirtFactsBounds = z.object({
  uri: z.string().min(1),
  libvirtVersion: z.string().min(1),
  liveMigration: z.boolean(),
  kind: z.string().optional(),
  hypervisorVersion: z.string().optional(),
});
const Strings = z.array(z.string());

const SEP = '@@federator-0011223344556677@@\n';
const version = fixture('version.txt');
const uri = fixture('uri.txt');
const capabilities = fixture('capabilities-qemu-session.xml');
const dumpxml = ['dumpxml-tagged.xml', 'dumpxml-untagged.xml', 'dumpxml-hostile-name.xml'].map(
  fixture,
);
const stderrs = [
  'start-active.stderr.txt',
  'start-missing.stderr.txt',
  'virsh-no-daemon.stderr.txt',
]
  .map(fixture)
  .concat([
    'error: Cannot recv data: Host key verification failed.: Connection reset by peer',
    'timeout: failed to run command ‘virsh’: No such file or directory',
    'sh: 1: timeout: not found',
  ]);
const progress = '\rMigration: [  0 %]\rMigration: [ 12 %]\rMigration: [ 99 %]\rMigration: [100 %]';
const ends = {
  source: 'hv1',
  sourceUser: 'hv1',
  target: { hostName: 'hv2', address: '127.0.0.12', port: 22, user: 'hv2', uri: 'qemu:///system' },
};

/** Every parser of what a host sends, with what it must return. */
export const HOST_OUTPUT_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'virsh list --uuid --name',
    run: (text) => parseDomainList(text),
    bounds: Listed,
    inputs: hostOutput(fixture('list-all-uuid-name.txt')),
  },
  {
    name: 'virsh list --uuid --transient',
    run: (text) => parseUuidList(text, 'virsh list --transient'),
    bounds: z.set(Uuid),
    inputs: hostOutput(fixture('list-transient.txt'), fixture('list-all-uuid-name.txt')),
  },
  {
    name: 'virsh domstats',
    run: (text) => parseDomstats(text),
    bounds: Stats,
    inputs: hostOutput(fixture('domstats-raw.txt')),
  },
  {
    name: 'VM listing (list + transient + domstats joined)',
    run: (text) => {
      const [list = '', transient = '', stats = ''] = parts(text, 3);
      return assembleVms(
        HostId.parse('hv1'),
        parseDomainList(list),
        parseUuidList(transient, 'virsh list --transient'),
        parseDomstats(stats),
        new Map(),
      );
    },
    bounds: z.array(Vm),
    inputs: hostOutput(
      [
        fixture('list-all-uuid-name.txt'),
        fixture('list-transient.txt'),
        fixture('domstats-raw.txt'),
      ].join(PART),
    ),
  },
  {
    name: 'virsh dumpxml',
    run: (text) => parseDomainXml(text),
    bounds: Definition.required({ uuid: true }),
    inputs: hostOutput(...dumpxml),
  },
  {
    name: 'domain XML to define',
    run: (text) => parseDefinitionXml(text),
    bounds: Definition,
    inputs: hostOutput(...dumpxml),
  },
  {
    name: 'virsh capabilities',
    run: (text) => parseVirtFacts(version, uri, text),
    bounds: VirtFactsBounds,
    inputs: hostOutput(capabilities),
  },
  {
    name: 'virsh version + uri',
    run: (text) => {
      const [v = '', u = ''] = parts(text, 2);
      return parseVirtFacts(v, u, capabilities);
    },
    bounds: VirtFactsBounds,
    inputs: hostOutput(version + PART + uri),
  },
  {
    name: 'host facts (os-release, uname, /proc …)',
    run: (text) => parseOsFacts(text.split(SEP)),
    bounds: OsFactsBounds,
    inputs: hostOutput(fixture('os-facts.txt')),
  },
  {
    name: 'os-release',
    run: (text) => parseOsRelease(text),
    bounds: z.map(z.string(), z.string()),
    inputs: hostOutput(fixture('os-facts.txt').split(SEP)[0] ?? ''),
    neverThrows: true,
  },
  {
    name: 'virsh event --loop lines',
    run: (text) => text.split('\n').map(parseEventLine),
    bounds: z.array(
      z.union([
        z.undefined(),
        z.object({ type: z.string().min(1), domain: z.string().optional(), detail: z.string() }),
      ]),
    ),
    inputs: hostOutput(fixture('event-loop.txt'), fixture('event-loop-timestamp.txt')),
    neverThrows: true,
  },
  {
    name: 'migration progress (stderr chunks)',
    run: (text) => {
      const seen: number[] = [];
      const reader = new MigrationProgress((p) => seen.push(p));
      for (let i = 0; i < text.length; i += 7) reader.push(text.slice(i, i + 7));
      return { seen, rest: withoutProgress(text) };
    },
    bounds: z.object({ seen: z.array(z.number().int().min(0).max(100)), rest: z.string() }),
    inputs: hostOutput(progress),
    neverThrows: true,
  },
  {
    name: 'virsh batch sections',
    run: (text) => {
      const batch = virshBatch(['a', 'b', 'c'], 'virsh a; b; c');
      const separator = /echo (\S+);/.exec(batch.script)?.[1] ?? '';
      return batch.split(text.replaceAll(PART, `\n${separator}\n`));
    },
    bounds: Strings.length(3),
    inputs: hostOutput(['a', 'b', 'c'].join(PART)),
  },
  {
    name: 'virsh stderr (errors, reasons, missing programs, path failures)',
    run: (text) => ({
      errors: virshErrors(text),
      reason: libvirtReason(text),
      missing: missingProgram({ code: 127, stderr: text }),
      words: describePathFailureOrRaw(
        text,
        ends,
        'virsh -c qemu+ssh://hv2@127.0.0.12:22/system uri',
      ),
    }),
    bounds: z.object({
      errors: Strings,
      reason: z.string(),
      missing: z.string().optional(),
      words: z.object({ message: z.string(), fix: z.string() }),
    }),
    inputs: hostOutput(...stderrs),
    neverThrows: true,
  },
  {
    name: 'stream lines (UTF-8 split across packets)',
    run: (text) => {
      const splitter = new LineSplitter();
      const bytes = Buffer.from(text, 'utf8');
      const lines: string[] = [];
      for (let i = 0; i < bytes.length; i += 5)
        lines.push(...splitter.push(bytes.subarray(i, i + 5)));
      const rest = splitter.flush();
      return rest === undefined ? lines : [...lines, rest];
    },
    bounds: z.array(z.string().refine((line) => !line.includes('\n'), 'a line holds a newline')),
    inputs: hostOutput(fixture('event-loop.txt')),
    neverThrows: true,
  },
  {
    name: 'host key type (the blob a server presents)',
    run: (text) => keyTypeOf(Buffer.from(text, 'latin1')),
    bounds: z.string().min(1),
    inputs: hostOutput('\0\0\0\x0bssh-ed25519\0\0\0 ' + 'k'.repeat(32)),
    neverThrows: true,
  },
];
