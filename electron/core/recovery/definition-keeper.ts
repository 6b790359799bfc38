import { join } from 'node:path';
import { z } from 'zod';
import { HostId, VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import type { EventLog } from '../events/event-log';
import { writeFileAtomic } from '../inventory/atomic-file';
import { createSaveQueue } from '../inventory/save-queue';
import { FileRefusedError, readFileCapped } from '../read-capped';
import { FEDERATOR_VM_NS } from '../hypervisor/libvirt/parse-domain-xml';

/** The file in the data folder (0600: a definition names disks and networks). */
export const DEFINITIONS_FILE = 'definitions.json';
/** A domain XML is a few KiB; one past this is not kept (a recovery then says so). */
export const MAX_KEPT_XML_CHARS = 256 * 1024;
/** Definitions kept, the least recently read dropped first. */
export const MAX_KEPT_DEFINITIONS = 5_000;
/** And at most this many characters in all (a bounded file whatever the VMs' XML). */
export const MAX_KEPT_TOTAL_CHARS = 64 * 1024 * 1024;

/** One VM's definition as its host last showed it: what a recovery defines on a survivor. */
export const KeptDefinition = z.object({
  vmId: VmId,
  hostId: HostId,
  xml: z.string().max(MAX_KEPT_XML_CHARS),
  keptAt: z.number(),
});
export type KeptDefinition = z.infer<typeof KeptDefinition>;

const KeptFile = z.object({ version: z.literal(1), definitions: z.array(KeptDefinition) });

export interface DefinitionKeeperOptions {
  /** The file; absent: kept in memory only (tests, the demo). */
  file?: string;
  maxDefinitions?: number;
  maxTotalChars?: number;
  onSaveError?: (error: unknown) => void;
  now?: () => number;
  /** The VMs marked HA (by UUID) at the start; `setMarked` follows later changes. */
  marked?: Iterable<VmId>;
}

/**
 * A definition a recovery needs: a service's VM (the console's tag is in its XML) or one marked HA.
 * Those are never dropped to make room for one that is neither.
 */
function isServiceTagged(xml: string): boolean {
  return xml.includes(FEDERATOR_VM_NS);
}

/**
 * Keeps each VM's last domain XML (a service's or one marked HA needs it) BEFORE its host fails, so a recovery can define it on a
 * survivor: a lost host cannot be asked for it afterwards. Fed by the hosts' listings, which read
 * a domain's XML when they first see it and again after an event names it (defined, updated,
 * migrated …), so the copy follows the VM's definition and its host. Bounded in count and size;
 * written to the data folder, coalesced, so a console restarted after a failure still has them.
 * Over a bound, the least recently read definition of a VM that no recovery needs (in no service,
 * not marked HA) goes first; a service's or a marked VM's goes only when nothing else is left, so
 * in a fleet of more VMs than the bound the unprotected ones cannot push them out.
 */
export class DefinitionKeeper {
  private readonly kept = new Map<string, KeptDefinition>(); // insertion order = least recent first
  private total = 0;
  private readonly queue;
  private readonly maxDefinitions: number;
  private readonly maxTotalChars: number;
  private readonly now: () => number;
  private marked: ReadonlySet<string>;

  constructor(private readonly options: DefinitionKeeperOptions = {}) {
    this.marked = new Set(options.marked ?? []);
    this.maxDefinitions = options.maxDefinitions ?? MAX_KEPT_DEFINITIONS;
    this.maxTotalChars = options.maxTotalChars ?? MAX_KEPT_TOTAL_CHARS;
    this.now = options.now ?? Date.now;
    const file = options.file;
    this.queue = createSaveQueue(async () => {
      if (file === undefined) return;
      const body = JSON.stringify({ version: 1, definitions: [...this.kept.values()] });
      await writeFileAtomic(file, new TextEncoder().encode(body));
    });
  }

  /** Read what a previous run kept. A damaged file is not fatal: it is started over (returns false). */
  async load(): Promise<boolean> {
    if (this.options.file === undefined) return true;
    let text: string;
    try {
      // JSON escapes may make the file a few times its XML: past that, it is not ours as written.
      text = (await readFileCapped(this.options.file, 4 * this.maxTotalChars)).toString('utf8');
    } catch (error) {
      if (error instanceof FileRefusedError) return false;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return false;
    }
    const parsed = KeptFile.safeParse(data);
    if (!parsed.success) return false;
    for (const d of parsed.data.definitions) this.put(d);
    return true;
  }

  /**
   * A host showed this VM's XML. Returns false (and keeps nothing new) when the XML is too long;
   * an unchanged definition on the same host is not written again.
   */
  note(hostId: HostId, vmId: VmId, xml: string): boolean {
    if (xml.length > MAX_KEPT_XML_CHARS) return false;
    const before = this.kept.get(vmId);
    if (before?.hostId === hostId && before.xml === xml) return true;
    this.put({ vmId, hostId, xml, keptAt: this.now() });
    this.save();
    return true;
  }

  get(vmId: VmId): KeptDefinition | undefined {
    return this.kept.get(vmId);
  }

  /** The VMs marked HA now: their definitions are kept before any unprotected one. */
  setMarked(ids: Iterable<VmId>): void {
    this.marked = new Set(ids);
  }

  /** Whether a recovery needs this VM's definition (a service's VM, or one marked HA). */
  isProtected(vmId: VmId): boolean {
    const kept = this.kept.get(vmId);
    return kept !== undefined && this.guarded(kept);
  }

  get size(): number {
    return this.kept.size;
  }

  /** Resolves once every change so far is on disk. */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  private put(definition: KeptDefinition): void {
    const before = this.kept.get(definition.vmId);
    if (before) {
      this.total -= before.xml.length;
      this.kept.delete(definition.vmId); // re-inserted last: the most recently read
    }
    this.kept.set(definition.vmId, definition);
    this.total += definition.xml.length;
    if (this.within()) return;
    // First pass: only what no recovery needs, least recently read first. A protected one met on
    // the way is moved to the back, so the next pass does not walk over it again (each entry is
    // visited at most once a pass).
    let left = this.kept.size;
    for (const [id, oldest] of this.kept) {
      if (left-- <= 0 || this.within()) break;
      this.kept.delete(id);
      if (this.guarded(oldest)) this.kept.set(id, oldest);
      else this.total -= oldest.xml.length;
    }
    // Only protected ones are left and still too many: the least recently read of them go.
    for (const [id, oldest] of this.kept) {
      if (this.within()) break;
      this.kept.delete(id);
      this.total -= oldest.xml.length;
    }
  }

  private within(): boolean {
    return this.kept.size <= this.maxDefinitions && this.total <= this.maxTotalChars;
  }

  private guarded(definition: KeptDefinition): boolean {
    return this.marked.has(definition.vmId) || isServiceTagged(definition.xml);
  }

  private save(): void {
    this.queue.save().catch((error: unknown) => this.options.onSaveError?.(error));
  }
}

/** The console's keeper, read from the data folder; a damaged file is said and started over. */
export async function openDefinitions(
  dataDir: string,
  log: { append(entry: Parameters<EventLog['append']>[0]): unknown },
  marked: Iterable<VmId> = [],
): Promise<DefinitionKeeper> {
  const file = join(dataDir, DEFINITIONS_FILE);
  const keeper = new DefinitionKeeper({
    file,
    marked,
    onSaveError: (error) =>
      log.append({
        level: 'error',
        message: `Couldn't save the kept VM definitions to ${file}`,
        detail: AppError.from(error).message,
      }),
  });
  if (!(await keeper.load())) {
    log.append({
      level: 'warning',
      message: `The kept VM definitions in ${file} did not read: kept again as the hosts list their VMs`,
    });
  }
  return keeper;
}
