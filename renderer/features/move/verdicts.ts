import {
  verdictName,
  whatIf,
  whatIfAllHosts,
  type RefusalCode,
  type WhatIfAnswer,
} from '../../../shared/placement';
import type { MoveContext } from './move-context';
import {
  headroomWords,
  refusalFix,
  SOFT_SCORE_WORDS,
  targetRefusalWords,
  uncountedTargetWords,
} from '../../../shared/words/refusal-words';
import { softRuleCheck } from '../../../shared/placement-input/soft-rules';
import type { Refusal } from '../../../shared/domain/reason';
import { reasonWords } from '../../../shared/words/reasons';

/** How a host takes the dragged VMs: green, amber, red, or where they already are. */
export type VerdictKind = 'fits' | 'soft' | 'refused' | 'source';

export interface HostVerdict {
  kind: VerdictKind;
  /** Every reason in words (refused: the broken rules; soft: the soft rules broken). */
  reasons: string[];
  fix?: string;
}

const FITS: HostVerdict = { kind: 'fits', reasons: [] };
const SOURCE: HostVerdict = { kind: 'source', reasons: [] };

/** Order of the "Move to…" list and of the worst verdict among several VMs. */
export const VERDICT_RANK: Record<VerdictKind, number> = {
  fits: 0,
  soft: 1,
  refused: 2,
  source: 3,
};

/**
 * The verdict of every host for the dragged VMs, computed once when the drag starts (they do not
 * change while the pointer moves): one `whatIfAllHosts` pass per VM, words only for refused hosts.
 * With several VMs a host shows the worst of their verdicts; the hovered host is then checked for
 * the set as a whole (`hoverAnswer`).
 */
export function dragVerdicts(ctx: MoveContext, vmIds: readonly string[]): Map<string, HostVerdict> {
  const { session } = ctx;
  const engineHosts = session.fleet.hosts;
  const moving = new Set(vmIds);
  const perVm = vmIds.flatMap((vmId) => {
    const vm = ctx.vmById.get(vmId);
    if (!vm || !session.fleet.vmIndex.has(vmId)) return [];
    return [
      {
        vm,
        codes: whatIfAllHosts(session, vmId),
        soft: softRuleCheck(session, vmId, moving),
      },
    ];
  });
  const several = perVm.length > 1;
  const out = new Map<string, HostVerdict>();
  const indexOf = session.fleet.hostIndex;
  for (const host of ctx.hosts) {
    const hostId = host.config.id as string;
    const h = indexOf.get(hostId);
    const verdicts: HostVerdict[] = [];
    for (const { vm, codes, soft } of perVm) {
      if (vm.hostId === hostId) continue;
      const prefix = several ? `${vm.name}: ` : '';
      if (h === undefined) {
        verdicts.push({
          kind: 'refused',
          reasons: [`${prefix}${uncountedTargetWords(host.state)}`],
        });
        continue;
      }
      const code = verdictName(codes[h] ?? 0);
      if (code === null) {
        const breaks = soft(hostId);
        verdicts.push(
          breaks === null ? FITS : { kind: 'soft', reasons: [reasonWords(breaks, ctx.names)] },
        );
        continue;
      }
      const ends = { from: vm.hostId as string, to: engineHosts[h]?.id ?? hostId };
      const refusal = engineRefusal(ctx, vm.id, hostId, code, ends.from);
      const fix = refusalFix(code, ends, ctx);
      verdicts.push({
        kind: 'refused',
        reasons: [`${prefix}${targetRefusalWords(refusal, ends, ctx)}`],
        ...(fix === undefined ? {} : { fix }),
      });
    }
    out.set(hostId, worst(verdicts));
  }
  return out;
}

/** What the pointer's host says for the whole set: its verdict, and the room left after the move. */
export interface HoverAnswer {
  hostId: string;
  hostName: string;
  verdict: HostVerdict;
  /** "hv2 after the move: 1.2 GiB memory, 3 vCPUs free". */
  headroom?: string;
}

/**
 * The hovered host, checked for the dragged VMs as one set with `whatIf` (two VMs that each fit
 * may not fit together), plus its headroom afterwards. Cheap: one host.
 */
export function hoverAnswer(
  ctx: MoveContext,
  vmIds: readonly string[],
  hostId: string,
  base: HostVerdict,
): HoverAnswer {
  const moving = vmIds.filter((id) => {
    const vm = ctx.vmById.get(id);
    return vm !== undefined && vm.hostId !== hostId && ctx.session.fleet.vmIndex.has(id);
  });
  const hostName = ctx.names.host(hostId);
  if (moving.length === 0) return { hostId, hostName, verdict: SOURCE };
  if (!ctx.session.fleet.hostIndex.has(hostId) || base.kind === 'refused') {
    return { hostId, hostName, verdict: base };
  }
  const answer = whatIf(
    ctx.session,
    moving.map((vm) => ({ vm, host: hostId })),
  );
  const room = answer.headroom.find((r) => r.host === hostId);
  const headroom = room ? headroomWords(hostName, room, 'after the move') : undefined;
  const withRoom = (verdict: HostVerdict): HoverAnswer =>
    headroom === undefined
      ? { hostId, hostName, verdict }
      : { hostId, hostName, verdict, headroom };
  if (!answer.ok) return withRoom(setRefusal(ctx, answer, moving.length > 1));
  // A worse soft score than where the VMs are, by a whole rule's weight, is a soft rule broken.
  if (base.kind === 'fits' && answer.scoreDelta <= -1) {
    return withRoom({
      kind: 'soft',
      reasons: [SOFT_SCORE_WORDS],
    });
  }
  return withRoom(base);
}

/** The worst of several VMs' verdicts on one host, with every reason of that kind. */
function worst(verdicts: readonly HostVerdict[]): HostVerdict {
  if (verdicts.length === 0) return SOURCE;
  const kind = verdicts.reduce<VerdictKind>(
    (k, v) => (VERDICT_RANK[v.kind] > VERDICT_RANK[k] ? v.kind : k),
    'fits',
  );
  if (kind === 'fits') return FITS;
  const same = verdicts.filter((v) => v.kind === kind);
  const fix = same.find((v) => v.fix !== undefined)?.fix;
  return { kind, reasons: same.flatMap((v) => v.reasons), ...(fix === undefined ? {} : { fix }) };
}

function setRefusal(ctx: MoveContext, answer: WhatIfAnswer, several: boolean): HostVerdict {
  const reasons: string[] = [];
  let fix: string | undefined;
  for (const move of answer.moves) {
    if (move.ok) continue;
    const ends = { from: move.from ?? '', to: move.to };
    for (const r of move.refusals) {
      const prefix = several ? `${ctx.names.vm(move.vm)}: ` : '';
      reasons.push(`${prefix}${targetRefusalWords(r, ends, ctx)}`);
      fix ??= refusalFix(r.code, ends, ctx);
    }
  }
  return { kind: 'refused', reasons, ...(fix === undefined ? {} : { fix }) };
}

// The first refusal's figures and ids (a drag's verdicts keep only codes, for every host at once).
function engineRefusal(
  ctx: MoveContext,
  vmId: string,
  hostId: string,
  code: RefusalCode,
  from: string,
): Refusal {
  // These need no figures: no what-if for them (a drag over many closed hosts stays cheap).
  if (code === 'down' || code === 'maintenance' || code === 'evacuating') {
    return { code, host: hostId };
  }
  if (code === 'no-path') return { code, from, to: hostId };
  const answer = whatIf(ctx.session, [{ vm: vmId, host: hostId }]);
  const refusals = answer.moves[0]?.refusals ?? [];
  return refusals.find((r) => r.code === code) ?? refusals[0] ?? { code: 'down', host: hostId };
}
