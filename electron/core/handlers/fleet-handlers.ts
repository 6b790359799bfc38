import type { VmAction } from '../../../shared/contract/requests';
import { AppError } from '../../../shared/errors';
import { attempt, hostName, requireHost, type CoreContext } from '../context/core-context';
import type { Handlers } from './handler-types';

/** How an action reads in a message: "Couldn't force off VM web-1 on host hv1: …". */
const VERBS: Record<VmAction, string> = {
  start: 'start',
  shutdown: 'shut down',
  destroy: 'force off',
  reboot: 'reboot',
  suspend: 'pause',
  resume: 'resume',
};

export function fleetHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'fleet:snapshot' | 'vms:action' | 'demo:set' | 'log:recent'> {
  return {
    'fleet:snapshot': () => {
      const entries = ctx.hosts.all();
      return Promise.resolve({
        hosts: entries.map((entry) => entry.host),
        vms: entries.flatMap((entry) => entry.vms),
        demo: ctx.demo.enabled,
      });
    },

    'vms:action': (req) => {
      const vm = ctx.hosts.get(req.hostId)?.vms.find((candidate) => candidate.id === req.vmId);
      const what = `Couldn't ${VERBS[req.action]} VM ${vm?.name ?? req.vmId} on host ${hostName(ctx, req.hostId)}`;
      return attempt(what, async () => {
        const entry = requireHost(ctx, req.hostId);
        if (!vm) throw new AppError('not-found', 'no such VM on this host', { hostId: req.hostId });
        await entry.link.act(req.vmId, req.action);
        return null;
      });
    },

    'demo:set': (req) =>
      attempt(`Couldn't ${req.enabled ? 'show' : 'hide'} the demo fleet`, async () => {
        await ctx.demo.set(req.enabled, { persist: true });
        return null;
      }),

    'log:recent': (req) => Promise.resolve(ctx.log.recent(req.limit)),
  };
}
