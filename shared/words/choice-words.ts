/**
 * "Why this host, not that one" in words: the engine's choice for one VM ("tightest fit: 1.5 GiB
 * memory free after; next to db (co-location)") and what each runner-up lacked ("hv3: no db there
 * (co-location)"). The explanation travels as `Choice` data (shared/domain/reason.ts); the plan
 * review, the window and the command line say it here. The switch is exhaustive.
 */
import type { Choice } from '../domain/reason';
import { formatMemory } from '.';
import type { Namer } from './namer';

/** The parts of an explanation, as the review shows them: one clause each, joined by "; ". */
export function choiceWords(choices: readonly Choice[], names: Pick<Namer, 'application'>): string {
  return choices.map((c) => choicePart(c, names)).join('; ');
}

/** A runner-up's note: "hv3: no db there (co-location)". */
export function runnerUpWords(
  hostId: string,
  choices: readonly Choice[],
  names: Pick<Namer, 'host' | 'application'>,
): string {
  return `${names.host(hostId)}: ${choiceWords(choices, names)}`;
}

/** One part of an explanation as a clause. */
export function choicePart(c: Choice, names: Pick<Namer, 'application'>): string {
  switch (c.code) {
    case 'only-host':
      return `the only host that keeps every rule: ${freeAfter(c.freeAfterMiB)}`;
    case 'tightest-fit':
      return `tightest fit: ${freeAfter(c.freeAfterMiB)}`;
    case 'most-headroom':
      return `most headroom left: ${freeAfter(c.freeAfterMiB)}`;
    case 'next-to':
      return `next to ${names.application(c.application)} (co-location)`;
    case 'in-use':
      return 'already running VMs';
    case 'replicas-there':
      return `${c.replicas} ${names.application(c.application)} replica${c.replicas === 1 ? '' : 's'} already there (spread)`;
    case 'no-partner':
      return `no ${names.application(c.application)} there (co-location)`;
    case 'not-in-use':
      return 'runs no VM yet (pack prefers hosts in use)';
    case 'looser-fit':
    case 'less-headroom': {
      const label = c.code === 'looser-fit' ? 'looser fit' : 'less headroom';
      // The engine weighs a share of the host (memory and CPU): the same rounded memory figure as
      // the chosen host's would read as no difference, so it is said as about the same.
      const same =
        c.chosenFreeAfterMiB !== undefined &&
        formatMemory(c.chosenFreeAfterMiB) === formatMemory(c.freeAfterMiB);
      return same
        ? `${label} as a share of the host: ${freeAfter(c.freeAfterMiB)}, about the same as the chosen host`
        : `${label}: ${freeAfter(c.freeAfterMiB)}`;
    }
    case 'scored-lower':
      return `scored lower (${c.score} against ${c.chosen})`;
    case 'scored-same':
      return 'scored the same; the engine keeps the first host in order';
  }
}

function freeAfter(mib: number): string {
  return `${formatMemory(mib)} memory free after`;
}
