import type { HostVerdict, VerdictKind } from './verdicts';

/** The headline of a verdict, for the tooltip, the host card's line and the "Move to…" list. */
export const VERDICT_HEADLINE: Record<VerdictKind, string> = {
  fits: 'Fits',
  soft: 'Fits, breaks a soft rule',
  refused: 'Refused',
  source: 'Already here',
};

/** One line: "Refused: host in maintenance (+1 more)", "Fits, breaks a soft rule: …". */
export function verdictLine(verdict: HostVerdict): string {
  const [first, ...rest] = verdict.reasons;
  if (first === undefined) return VERDICT_HEADLINE[verdict.kind];
  const more = rest.length > 0 ? ` (+${rest.length} more)` : '';
  return `${VERDICT_HEADLINE[verdict.kind]}: ${first}${more}`;
}
