import type { Vm } from '../../../../shared/domain/vm';
import { AppError } from '../../../../shared/errors';
import { run, virsh, type DriverContext } from './driver-context';
import { parseDomainList, parseUuidList } from './parse-domain-list';
import { parseDomainXml, type DomainXmlFacts } from './parse-domain-xml';
import { parseDomstats } from './parse-domstats';
import { virshBatch, virshErrors } from './virsh-batch';
import { assembleVms } from './vm-listing';

const LIST = 'list --all --uuid --name';
const TRANSIENT = 'list --all --uuid --transient';
const STATS = 'domstats --raw --state --vcpu --balloon';
/** dumpxml calls per exec: keeps a host with hundreds of new domains from one huge command. */
const XML_CHUNK = 50;

/**
 * Lists VMs in bulk: one exec per poll (list + transient list + domstats in a single virsh
 * batch), and `dumpxml` only for domains not seen before or named by an event, cached by UUID.
 */
export class VmLister {
  private readonly xmlCache = new Map<string, DomainXmlFacts>();
  private names = new Map<string, string>(); // name → uuid, from the last listing

  constructor(private readonly ctx: DriverContext) {}

  /** An event named this domain: read its XML again on the next listing (its tags may differ). */
  invalidate(name: string): void {
    const uuid = this.names.get(name);
    if (uuid !== undefined) this.xmlCache.delete(uuid);
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
      await this.readNewXml(listed.map((d) => d.uuid).filter((uuid) => !this.xmlCache.has(uuid)));
      return assembleVms(ctx.hostId, listed, transient, stats, this.xmlCache);
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
        const facts = parseDomainXml(xml, `virsh dumpxml ${uuid}`);
        if (facts.uuid === uuid) this.xmlCache.set(uuid, facts);
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
