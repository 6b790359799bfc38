import type { RefusalCode } from '../../../shared/placement';
import type { MoveContext } from './move-context';

interface Ends {
  from: string;
  to: string;
}

/**
 * One refusal of the engine in the admin's words, with names instead of ids. A missing migration
 * path carries the link check's own words ("hv1 does not know hv2's host key").
 */
export function refusalWords(
  code: RefusalCode,
  engineMessage: string | undefined,
  ends: Ends,
  ctx: MoveContext,
): string {
  const { names } = ctx;
  switch (code) {
    case 'maintenance':
      return 'host in maintenance';
    case 'evacuating':
      return 'host is being evacuated';
    case 'down':
      return `host is not connected (${ctx.hostById.get(ends.to)?.state ?? 'unknown'})`;
    case 'no-path': {
      const from = names.host(ends.from);
      const link = brokenLink(ctx, ends);
      if (link?.message !== undefined) return `no migration path from ${from}: ${link.message}`;
      return crossDriver(ctx, ends)
        ? `no migration path from ${from} (demo and real hosts never exchange VMs)`
        : `no migration path from ${from}`;
    }
    default:
      return names.words(engineMessage ?? code);
  }
}

/** What the admin can do about a refusal, when there is something to say. */
export function refusalFix(code: RefusalCode, ends: Ends, ctx: MoveContext): string | undefined {
  const to = ctx.names.host(ends.to);
  switch (code) {
    case 'no-path':
      return brokenLink(ctx, ends)?.fix;
    case 'maintenance':
    case 'evacuating':
      return `Take ${to} out of maintenance, or pick another host.`;
    case 'down':
      return `Reconnect ${to}, or pick another host.`;
    case 'memory':
    case 'cpu':
    case 'disk':
      return `Move a VM off ${to} first, or pick a host with more room.`;
    case 'spread-host':
    case 'spread-zone':
      return 'Pick a host (or zone) without another VM of the same application.';
    case 'label':
      return `Add the missing label to ${to}, or pick a host that has it.`;
    case 'colocate':
    case 'partner-leaves':
      return 'Move the VMs that must stay together in one go (select them all).';
    default:
      return undefined;
  }
}

/** Codes whose words need the engine's figures or names (memory short by …, anti-affinity with …). */
export function needsEngineWords(code: RefusalCode): boolean {
  return !(
    code === 'maintenance' ||
    code === 'evacuating' ||
    code === 'down' ||
    code === 'no-path'
  );
}

function brokenLink(ctx: MoveContext, ends: Ends) {
  return ctx.links.find((l) => l.from === ends.from && l.to === ends.to && l.state === 'broken');
}

function crossDriver(ctx: MoveContext, ends: Ends): boolean {
  const driver = (id: string) => ctx.hostById.get(id)?.config.driver;
  return driver(ends.from) !== driver(ends.to);
}
