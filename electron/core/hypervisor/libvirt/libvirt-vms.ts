import type { Vm } from '../../../../shared/domain/vm';
import { AppError } from '../../../../shared/errors';
import { run, virsh, type DriverContext } from './driver-context';
import { parseDomainList, parseUuidList } from './parse-domain-list';
import { parseDomainXml, type DomainXmlFacts } from './parse-domain-xml';
import { parseDomstats } from './parse-domstats';
import { missingProgramError } from './shell-failure';
import { virshBatch, virshErrors } from './virsh-batch';
import { assembleVms } from './vm-listing';

const LIST = 'list --all --uuid --name';
const TRANSIENT = 'list --all --uuid --transient';
const STATS = 'domstats --raw --state --vcpu --balloon --block';
/** dumpxml calls per exec: keeps a host with hundreds of new domains from one huge command. */
const XML_CHUNK = 50;

/**
 * Lists VMs in bulk: one exec per poll (list + transient list + domstats in a single virsh
 * batch), and `dumpxml` only for domains not seen before or named by an event, cached by UUID.
 */
export class VmLister {
  private readonly xmlCache = new Map<string, DomainXmlFacts>();
  private names = new Map<string, string>(); // name → uuid, from the last listing
  /** Domains whose XML did not parse: left out of listings until an event names them again. */
  private readonly unreadable = new Set<string>();

  constructor(private readonly ctx: DriverContext) {}

  /** An event named this domain: read its XML again on the next listing (its tags may differ). */
  invalidate(name: string): void {
    const uuid = this.names.get(name);
    if (uuid === undefined) return;
    this.xmlCache.delete(uuid);
    this.unreadable.delete(uuid);
  }

  /** We changed this domain ourselves (define, tags): read its XML again on the next listing. */
  invalidateUuid(uuid: string): void {
    this.xmlCache.delete(uuid);
    this.unreadable.delete(uuid);
  }

  nameOf(uuid: string): string | undefined {
    for (const [name, id] of this.names) if (id === uuid) return name;
    return undefined;
  }

  async list(): Promise<Vm[]> {
    const ctx = this.ctx;
    const batch = virshBatch([LIST, TRANSIENT, STATS], `virsh ${LIST}; ${TRANSIENT}; ${STATS}`);
    const result = await run(ctx, virsh(ctx, batch.script), ctx.timeouts.queryMs, 'list the VMs');
    failOnVirshErrors(ctx, result.stderr, result.code, 'list the VMs');
    try {
      const [listOut = '', transientOut = '', statsOut = ''] = batch.split(result.stdout);
      const listed = parseDomainList(listOut);
      const transient = parseUuidList(transientOut, `virsh ${TRANSIENT}`);
      const stats = parseDomstats(statsOut);
      this.names = new Map(listed.map((d) => [d.name, d.uuid]));
      const present = new Set(listed.map((d) => d.uuid));
      for (const uuid of this.xmlCache.keys()) if (!present.has(uuid)) this.xmlCache.delete(uuid);
      for (const uuid of this.unreadable) if (!present.has(uuid)) this.unreadable.delete(uuid);
      const unknown = listed.filter(
        (d) => !this.xmlCache.has(d.uuid) && !this.unreadable.has(d.uuid),
      );
      await this.readNewXml(unknown.map((d) => d.uuid));
      // Without its definition a VM's tags are unknown: better absent than shown untagged.
      const readable = listed.filter((d) => !this.unreadable.has(d.uuid));
      return assembleVms(ctx.hostId, readable, transient, stats, this.xmlCache);
    } catch (thrown) {
      throw AppError.from(thrown).during(`Couldn't list the VMs on ${ctx.hostName}`);
    }
  }

  private async readNewXml(uuids: readonly string[]): Promise<void> {
    for (let start = 0; start < uuids.length; start += XML_CHUNK) {
      const chunk = uuids.slice(start, start + XML_CHUNK);
      // UUIDs were validated by the list parser, so they are safe words in virsh's own syntax.
      const batch = virshBatch(
        chunk.map((uuid) => `dumpxml ${uuid}`),
        'virsh dumpxml',
      );
      const result = await run(
        this.ctx,
        virsh(this.ctx, batch.script),
        this.ctx.timeouts.queryMs,
        'read VM definitions',
      );
      batch.split(result.stdout).forEach((xml, index) => {
        const uuid = chunk[index];
        // An empty section: the domain went away after the listing; its event brings a new one.
        if (uuid === undefined || xml.trim() === '') return;
        let facts: DomainXmlFacts;
        try {
          facts = parseDomainXml(xml, `virsh dumpxml ${uuid}`);
        } catch (thrown) {
          // One odd definition must not hide every other VM of the host: skip it and say so once.
          this.unreadable.add(uuid);
          const error = AppError.from(thrown);
          this.ctx.warn?.(
            `Left out VM ${this.nameOf(uuid) ?? uuid} on ${this.ctx.hostName}: ${error.message}`,
            error.detail,
          );
          return;
        }
        if (facts.uuid !== uuid) return;
        this.xmlCache.set(uuid, facts);
        // Read anyway (first seen, or an event named it): the copy a recovery needs, kept before a
        // failure. Every VM's, not only services': one the admin marks HA later is covered at once.
        this.ctx.keep?.(uuid, xml);
      });
    }
  }
}

/** A virsh batch exits 0 even when a command in it failed; any error line fails the listing. */
export function failOnVirshErrors(
  ctx: DriverContext,
  stderr: string,
  code: number | null,
  doing: string,
): void {
  const missing = missingProgramError(ctx, { code, stderr });
  if (missing !== undefined) throw missing;
  const errors = virshErrors(stderr);
  if (errors.length === 0 && code === 0) return;
  const why = errors.join('; ') || stderr.trim() || `virsh exited with code ${String(code)}`;
  const unreachable =
    /failed to connect to the hypervisor|Failed to connect socket|Cannot recv data|End of file while reading|command not found/i.test(
      why,
    );
  throw new AppError(
    unreachable ? 'hypervisor-missing' : 'command-failed',
    `Couldn't ${doing} on ${ctx.hostName}: ${unreachable ? `libvirt does not answer at ${ctx.uri}: ` : ''}${why}`,
    { hostId: ctx.hostId, detail: stderr },
  );
}
