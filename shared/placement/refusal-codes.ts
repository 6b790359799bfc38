/**
 * Refusal codes as small integers for the hot paths, in the order hosts are checked: cheap and
 * structural first (state, labels), capacity last, so a host is reported under its most basic flaw.
 */
import type { RefusalCode } from './plan-types';

export const OK = 0;
export const R_DOWN = 1;
export const R_MAINTENANCE = 2;
export const R_EVACUATING = 3;
export const R_HYPERVISOR = 4;
export const R_LABEL = 5;
export const R_NO_PATH = 6;
export const R_SPREAD_HOST = 7;
export const R_SPREAD_ZONE = 8;
export const R_COLOCATE = 9;
export const R_MEMORY = 10;
export const R_CPU = 11;
export const R_DISK = 12;
/** Moving the VM away would leave a VM that must be co-located with it without a partner. */
export const R_PARTNER = 13;

/** The public name of each numeric code (index 0, OK, has none). */
export const REFUSAL_NAMES: readonly RefusalCode[] = [
  'down', // placeholder for OK, never read
  'down',
  'maintenance',
  'evacuating',
  'hypervisor',
  'label',
  'no-path',
  'spread-host',
  'spread-zone',
  'colocate',
  'memory',
  'cpu',
  'disk',
  'partner-leaves',
];

/** Name of a numeric refusal code. */
export function refusalName(code: number): RefusalCode {
  return REFUSAL_NAMES[code] ?? 'down';
}

/** Bit of a code in a refusal mask. */
export const bit = (code: number): number => 1 << code;

/** Codes a mask holds, in check order. */
export function codesOf(mask: number): number[] {
  const out: number[] = [];
  for (let c = 1; c <= R_PARTNER; c++) if (mask & bit(c)) out.push(c);
  return out;
}

/** Public name of a verdict code from `whatIfAllHosts`: null when the VM fits. */
export function verdictName(code: number): RefusalCode | null {
  return code === OK ? null : refusalName(code);
}
