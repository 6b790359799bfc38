import type { ParsedRequestOf } from '../../../shared/contract/requests';
import type { Host } from '../../../shared/domain/host';
import { AppError } from '../../../shared/errors';
import type { Handlers } from './handler-types';
import { attempt, hostName, requireHost, type CoreContext } from '../context/core-context';

/** The host handlers other than hosts:add: each names its action and host when it fails. */
export function hostHandlers(
  ctx: CoreContext,
): Pick<
  Handlers,
  'hosts:trust-key' | 'hosts:reconnect' | 'hosts:disconnect' | 'hosts:remove' | 'hosts:set-labels'
> {
  return {
    'hosts:trust-key': (req: ParsedRequestOf<'hosts:trust-key'>): Promise<Host> =>
      attempt(`Couldn't trust the key of host ${hostName(ctx, req.hostId)}`, async () => {
        // The link alone decides (it knows what was presented and whether the key changed):
        // a second check here answered differently for the same case.
        const entry = requireHost(ctx, req.hostId);
        const before = entry.version;
        await entry.link.trust(req.fingerprint);
        // Hosts reached through this one were waiting for its key: try them now, not at backoff.
        for (const behind of ctx.hosts.all()) {
          if (behind.config.jumpHostId === req.hostId && behind.host.state === 'unreachable') {
            void behind.link.reconnect();
          }
        }
        return ctx.hosts.waitSettled(req.hostId, before, ctx.settleTimeoutMs);
      }),

    'hosts:reconnect': (req: ParsedRequestOf<'hosts:reconnect'>): Promise<Host> =>
      attempt(`Couldn't reconnect to host ${hostName(ctx, req.hostId)}`, async () => {
        const entry = requireHost(ctx, req.hostId);
        const before = entry.version;
        if (req.passphrase !== undefined && entry.config.driver === 'libvirt') {
          // A link holds its passphrase for its lifetime: a new passphrase needs a new link.
          await ctx.hosts.replaceLink(req.hostId, await ctx.realLink(entry.config, req.passphrase));
        } else {
          await entry.link.reconnect();
        }
        return ctx.hosts.waitSettled(req.hostId, before, ctx.settleTimeoutMs);
      }),

    'hosts:disconnect': (req: ParsedRequestOf<'hosts:disconnect'>): Promise<Host> =>
      attempt(`Couldn't disconnect from host ${hostName(ctx, req.hostId)}`, async () => {
        const entry = requireHost(ctx, req.hostId);
        await entry.link.disconnect();
        return entry.host;
      }),

    'hosts:remove': (req: ParsedRequestOf<'hosts:remove'>): Promise<null> =>
      attempt(`Couldn't remove host ${hostName(ctx, req.hostId)}`, async () => {
        const entry = requireHost(ctx, req.hostId);
        if (entry.config.driver === 'demo') {
          throw new AppError(
            'invalid-request',
            'it belongs to the demo fleet; hide the demo instead',
            {
              hostId: req.hostId,
            },
          );
        }
        const behind = ctx.hosts.all().filter((e) => e.config.jumpHostId === req.hostId);
        if (behind.length > 0) {
          const names = behind.map((e) => e.config.name).join(', ');
          throw new AppError(
            'conflict',
            `${names} ${behind.length === 1 ? 'connects' : 'connect'} through it; change the jump host there first`,
            {
              hostId: req.hostId,
            },
          );
        }
        await ctx.inventory.removeHost(req.hostId); // forgotten first: a crash now leaves no ghost
        await ctx.hosts.detach(req.hostId);
        if (entry.config.power?.passwordSet === true) await ctx.power.forgetPassword(req.hostId);
        return null;
      }),

    'hosts:set-labels': (req: ParsedRequestOf<'hosts:set-labels'>): Promise<Host> =>
      attempt(`Couldn't set the labels of host ${hostName(ctx, req.hostId)}`, async () => {
        const entry = requireHost(ctx, req.hostId);
        const config = { ...entry.config, labels: req.labels };
        // Demo hosts take labels too (to try placement rules) but only for this session.
        if (config.driver !== 'demo') await ctx.inventory.updateHost(config);
        return ctx.hosts.setConfig(config).host;
      }),
  };
}
