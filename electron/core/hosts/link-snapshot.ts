import type { Host } from '../../../shared/domain/host';
import type { Vm } from '../../../shared/domain/vm';
import type { HostLinkListener } from './host-link';

/**
 * Holds what the link last reported and reports again only on a real change. `lastSeen` and the
 * facts' timestamp alone are not news: they ride along with the next real change.
 */
export class LinkSnapshot {
  private hostKey = '';
  private vmsKey: string | undefined;

  constructor(
    public host: Host,
    public vms: readonly Vm[],
    private readonly listener: HostLinkListener,
  ) {}

  setHost(next: Host): void {
    this.host = next;
    const key = JSON.stringify({ ...next, lastSeen: undefined, facts: next.facts?.value });
    if (key === this.hostKey) return;
    this.hostKey = key;
    this.listener.host(next);
  }

  /** `listedAt`: when the listing began, if known (see HostLinkListener.vms). */
  setVms(next: readonly Vm[], listedAt?: number): void {
    const sorted = [...next].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const key = JSON.stringify(sorted);
    this.vms = sorted;
    if (key === this.vmsKey) return;
    this.vmsKey = key;
    this.listener.vms(sorted, listedAt);
  }
}
