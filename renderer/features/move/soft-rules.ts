import type { MoveContext } from './move-context';

/**
 * Soft rules a move makes worse, for one VM and any target: they never refuse a host, but the
 * host is coloured amber and the words say which rule ("web-2 joins web-1 (also web) on hv2: its
 * soft spread rule prefers them apart"). VMs of `moving` are counted nowhere: they are in flight.
 * Built once per drag in one pass over the VMs; each host is then a lookup.
 */
export function softRuleCheck(
  ctx: MoveContext,
  vmId: string,
  moving: ReadonlySet<string>,
): (hostId: string) => string | null {
  const { fleet } = ctx.session;
  const input = fleet.input;
  const vms = input.vms ?? [];
  const me = vms.find((v) => v.id === vmId);
  const app = me && input.applications.find((a) => a.id === me.application);
  const source = me?.host;
  if (!me || !app || source === undefined) return () => null;
  const spread = app.spread?.strength === 'soft' ? app.spread.across : undefined;
  const partner = app.colocate?.strength === 'soft' ? app.colocate.with : undefined;
  if (spread === undefined && partner === undefined) return () => null;

  const zone = (host: string): number => fleet.hostZone[fleet.hostIndex.get(host) ?? -1] ?? -1;
  const place = spread === 'zone' ? (host: string) => `z${zone(host)}` : (host: string) => host;
  const siblings = new Map<string, string[]>(); // place → other VMs of the application
  const partners = new Map<string, number>(); // host → VMs of the partner application
  for (const vm of vms) {
    if (vm.host === undefined || vm.id === vmId || moving.has(vm.id)) continue;
    if (spread !== undefined && vm.application === app.id) {
      const key = place(vm.host);
      siblings.set(key, [...(siblings.get(key) ?? []), vm.id]);
    }
    if (partner !== undefined && vm.application === partner) {
      partners.set(vm.host, (partners.get(vm.host) ?? 0) + 1);
    }
  }
  const { names } = ctx;
  const vmName = names.vm(vmId);
  const was = siblings.get(place(source))?.length ?? 0;
  const partnerAtSource = (partners.get(source) ?? 0) > 0;
  return (hostId) => {
    if (hostId === source) return null;
    const will = siblings.get(place(hostId)) ?? [];
    if (spread !== undefined && will.length > was) {
      const where =
        spread === 'host' ? `on ${names.host(hostId)}` : `in ${names.host(hostId)}'s zone`;
      return `${vmName} joins ${will.map((id) => names.vm(id)).join(', ')} (also ${names.application(app.id)}) ${where}: its soft spread rule prefers them apart`;
    }
    if (partner !== undefined && partnerAtSource && (partners.get(hostId) ?? 0) === 0) {
      return `${vmName} leaves ${names.application(partner)} behind: ${names.host(hostId)} runs none (soft co-location)`;
    }
    return null;
  };
}
