import { noPathWords, type MoveEnds } from '../../../shared/fleet-placement/refusal-words';
import type { RefusalCode } from '../../../shared/placement';
import type { MoveContext } from './move-context';
import { hostUnusable } from '../../../shared/words';

export { refusalFix } from '../../../shared/fleet-placement/refusal-words';

/**
 * One refusal of the engine in the admin's words, with names instead of ids, as the target host's
 * card shows it (so the target goes unnamed).
 */
export function refusalWords(
  code: RefusalCode,
  engineMessage: string | undefined,
  ends: MoveEnds,
  ctx: MoveContext,
): string {
  switch (code) {
    case 'maintenance':
      return 'host in maintenance';
    case 'evacuating':
      return 'host is being evacuated';
    case 'down':
      return hostUnusable('host', ctx.hostById.get(ends.to)?.state ?? 'disconnected');
    case 'no-path':
      return noPathWords(ends, ctx, false);
    default:
      return ctx.names.words(engineMessage ?? code);
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
