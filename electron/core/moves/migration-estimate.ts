/**
 * How long a migration should take, from the VM's memory, for the review dialog.
 *
 * Measured on the lab (2026-11-28; loopback, QEMU without KVM, 2 cores), `virsh migrate` run on the
 * source as the driver runs it:
 * - live, idle 64 MiB and 512 MiB guests: 1.95–2.04 s each way, whatever the size (QEMU does not
 *   send pages that are all zeroes): about 2 s of fixed cost (SSH to the target, its QEMU starting,
 *   the switch-over);
 * - live, a 512 MiB guest holding 384 MiB of random data: 3.9–5.1 s, i.e. 1.9–3.1 s more for
 *   384 MiB: about 150 MiB/s for memory that holds data;
 * - cold (`--offline`, a shut-off VM: only its definition moves): 0.26 s.
 * The estimate counts the whole memory as data (the upper end: a busy guest also re-sends pages it
 * dirties). These are the lab's figures (one machine, emulated CPUs), not a network's: across real
 * hosts the link and the guest's dirtying rate decide, and the estimate is only a first guess.
 */
const LIVE_FIXED_SECONDS = 2;
const LIVE_MIB_PER_SECOND = 150;
const COLD_SECONDS = 0.3;

/**
 * `capMiBs`: the source host's migration bandwidth limit, when the admin set one. `diskMiB`: the
 * disks copied with it (`--copy-storage-all`), counted whole at the same rate: QEMU's mirror reads
 * the whole virtual size, though it skips what is zero (an upper bound again).
 */
export function estimateMigrationSeconds(
  memoryMiB: number,
  live: boolean,
  capMiBs?: number,
  diskMiB = 0,
): number {
  const rate = Math.min(LIVE_MIB_PER_SECOND, capMiBs ?? Infinity);
  const data = Math.max(0, memoryMiB) + Math.max(0, diskMiB);
  const seconds = live ? LIVE_FIXED_SECONDS + data / rate : COLD_SECONDS;
  return Math.round(seconds * 10) / 10;
}

/** "about 3 s", "about 2 min" for plan warnings and labels. */
export function durationWords(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  return `about ${Math.round(seconds / 60)} min`;
}
