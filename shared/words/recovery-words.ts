import type { WitnessVerdict } from '../domain/host-witness';
import type { HostId } from '../domain/ids';
import type { RecoveryBlock, RecoveryFence, RecoveryLeftOut } from '../domain/recovery';
import { powerFailureWords } from './power-words';
import type { HostFenced } from '../domain/host';
import { formatClock, VM_STATE_WORDS } from './index';
import { namesList } from './witness-words';

/** Names a host by its id (the registry's name, or the id when it is gone). */
type NameOf = (hostId: HostId) => string;

/**
 * Why no recovery of `hostName` may run now, in one sentence that says what is true and what to do.
 * A partition is the one that matters most: the host's VMs probably still run, and starting them
 * elsewhere would run each twice on shared disks.
 */
export function recoveryBlockWords(block: RecoveryBlock, hostName: string): string {
  switch (block.code) {
    case 'connected':
      return `${hostName} is connected: nothing failed, so there is nothing to recover`;
    case 'not-witnessed':
      return notWitnessedWords(block.verdict, hostName);
    case 'not-fenced':
      return block.typed === undefined
        ? `${hostName} is not known to be off: power it off through its BMC, or check that it is off and type its name`
        : `"${block.typed}" is not ${hostName}: type the host's name exactly to confirm that it is powered off`;
  }
}

/** Refused before any fencing: what the peers said, and why that forbids a restart elsewhere. */
function notWitnessedWords(verdict: WitnessVerdict | undefined, hostName: string): string {
  switch (verdict) {
    case 'partition':
      return `Refused: ${hostName} is unreachable from this console but alive for its peers (a partition); its VMs are probably still running, and starting them elsewhere would run them twice`;
    case 'ssh-closed':
      return `Refused: ${hostName}'s machine still answers its peers (only its SSH port is closed); its VMs may still be running`;
    case 'no-witness':
      return `Refused: no other connected host could confirm that ${hostName} is down; a recovery needs a second witness`;
    case 'unreachable-from-all':
    case undefined:
      return `Refused: no second witness has seen ${hostName} down yet; the peers are asked every 10 s`;
  }
}

/** How the console knows the host is off, or why it does not: the gate's second half. */
export function recoveryFenceWords(fence: RecoveryFence, hostName: string, nameOf: NameOf): string {
  if (fence.by === 'bmc') {
    return fence.poweredOff === true
      ? `${hostName} was powered off through its BMC, which now says: power off`
      : `${hostName}'s BMC says: power off`;
  }
  if (fence.by === 'confirmed') {
    const bmc =
      fence.reading === undefined
        ? ''
        : fence.reading.ok
          ? ` (its BMC says: power ${fence.reading.state})`
          : ` (its BMC could not be asked: ${powerFailureWords(fence.reading.failure, nameOf)})`;
    return `You confirmed that ${hostName} is powered off${bmc}`;
  }
  if (fence.reading === undefined) return `Whether ${hostName} is off is not known yet`;
  if (fence.reading.ok) {
    return fence.reading.state === 'on'
      ? `${hostName}'s BMC says: power on; its VMs may still be running`
      : `${hostName}'s BMC says: power off`;
  }
  const why = powerFailureWords(fence.reading.failure, nameOf);
  return fence.poweredOff === true
    ? `${hostName} was asked to power off through its BMC, but the BMC did not confirm it: ${why}`
    : `Couldn't ask ${hostName}'s BMC whether it is off: ${why}`;
}

/** Why one VM of the failed host stays where it is, in one sentence that names it. */
export function recoveryLeftOutWords(
  item: RecoveryLeftOut,
  hostName: string,
  nameOf: NameOf,
): string {
  switch (item.code) {
    case 'not-protected':
      return `${item.vmName} is not part of a service and not marked to restart on another host: it stays on the lost host`;
    case 'was-not-running':
      return `${item.vmName} was ${VM_STATE_WORDS[item.state].phrase} when ${hostName} was lost: it is not started elsewhere`;
    case 'no-definition':
      return `${item.vmName}: the console never read its definition from ${hostName}, so it cannot define it on another host`;
    case 'local-disk':
      return `${item.vmName} cannot move: its disk ${item.disk} (${item.where}) is local to ${hostName}, which no other host can reach`;
    case 'no-room':
      return item.reasons.length === 0
        ? `${item.vmName} fits on no other host`
        : `${item.vmName} fits on no other host: ${item.reasons.join('; ')}`;
    case 'needs-room':
      return `${item.vmName} would fit on ${nameOf(item.host)} only if another VM moved aside first; a recovery moves nothing else`;
  }
}

/** The button's promise for the typed confirmation: "I have checked that hv3 is powered off". */
export function recoveryConfirmLabel(hostName: string): string {
  return `I have checked that ${hostName} is powered off`;
}

/** What the automatic recovery (opt-in per service, only after fencing) did or why it waits. */
export type AutoRecoveryNews = { services: readonly string[] } & (
  | { code: 'no-power' }
  | { code: 'grace'; sinceMs: number; graceMs: number }
  | { code: 'fencing' }
  | { code: 'not-fenced'; fenceWords: string }
  | { code: 'started'; fenceWords: string; count: number; title: string }
  | { code: 'nothing-placed'; fenceWords: string }
  | { code: 'failed'; error: string }
);

/** One log line of the automatic recovery of `hostName`, saying what is true and what is next. */
export function autoRecoveryWords(news: AutoRecoveryNews, hostName: string): string {
  const of =
    news.services.length === 0
      ? ''
      : ` of ${news.services.length === 1 ? 'service' : 'services'} ${news.services.join(', ')}`;
  const byHand = `use Recover VMs… on ${hostName} once you have checked that it is off`;
  switch (news.code) {
    case 'no-power':
      return `${hostName} is down for every witness, but no power management is set up for it: its VMs${of} are not restarted automatically (that needs fencing through its BMC); ${byHand}`;
    case 'grace':
      return `${hostName} is down for every witness, but the console started ${Math.round(news.sinceMs / 1000)} s ago: no host is fenced automatically in its first ${Math.round(news.graceMs / 1000)} s (it may not see every host yet); asked again after that`;
    case 'fencing':
      return `Automatic recovery: ${hostName} is down for every witness; powering it off through its BMC before its VMs${of} are restarted on other hosts`;
    case 'not-fenced':
      return `Automatic recovery of ${hostName}'s VMs${of} did not run: ${news.fenceWords}. Nothing was restarted; ${byHand}`;
    case 'started':
      return `Automatic recovery: ${news.fenceWords}; restarting ${news.count} VM${news.count === 1 ? '' : 's'}${of} on other hosts (plan “${news.title}”)`;
    case 'nothing-placed':
      return `Automatic recovery: ${news.fenceWords}, but none of its VMs${of} can be restarted elsewhere (the reasons are above)`;
    case 'failed':
      return `Automatic recovery of ${hostName}'s VMs stopped: ${news.error}; ${byHand}`;
  }
}

/** The service setting, as the service form says it. */
export const AUTO_RECOVER_LABEL =
  'Restart its VMs on other hosts automatically when their host fails';
export const AUTO_RECOVER_HINT =
  'Only once the failed host is down for every witness and powered off through its BMC, which then reads off; never on a partition, never without power management, never in the console’s first 5 minutes. Otherwise Recover VMs… on the host is yours to use.';

/** A lost host's card and details once its BMC said off: "Powered off through its BMC at 06:50:05". */
export function hostFencedWords(fenced: HostFenced): string {
  return fenced.poweredOff
    ? `Powered off through its BMC at ${formatClock(fenced.at)}`
    : `Off, as its BMC said at ${formatClock(fenced.at)}`;
}

/** Names in a sentence, at most `shown` of them, then how many more. */
function someNames(names: readonly string[], shown = 8): string {
  if (names.length <= shown) return namesList(names);
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/**
 * What became of a lost host once nothing is left to recover: not connected (so no power buttons),
 * powered off through its BMC and when, where its VMs run now, and which stayed and why.
 */
export function lostHostAftermathWords(args: {
  hostName: string;
  fenced?: HostFenced;
  restarted: readonly { vmName: string; on: string }[];
  stayed: readonly { vmName: string; marked: boolean }[];
}): string {
  const { hostName } = args;
  const parts = [
    `${hostName} is not connected, so its VMs cannot be started or stopped from here.`,
  ];
  if (args.fenced !== undefined) {
    parts.push(
      args.fenced.poweredOff
        ? `It was powered off through its BMC at ${formatClock(args.fenced.at)}.`
        : `Its BMC said it was off at ${formatClock(args.fenced.at)}.`,
    );
  }
  if (args.restarted.length > 0) {
    const where = args.restarted.map((r) => `${r.vmName} on ${r.on}`);
    parts.push(`Running on other hosts now: ${someNames(where)}.`);
  }
  const plain = args.stayed.filter((s) => !s.marked).map((s) => s.vmName);
  const marked = args.stayed.filter((s) => s.marked).map((s) => s.vmName);
  if (plain.length > 0) {
    const one = plain.length === 1;
    parts.push(
      `${someNames(plain)} ${one ? 'stays' : 'stay'} on ${hostName}: ${one ? 'it is' : 'they are'} not part of a service and not marked to restart on another host.`,
    );
  }
  if (marked.length > 0) {
    const one = marked.length === 1;
    parts.push(
      `${someNames(marked)} ${one ? 'is' : 'are'} marked to restart on another host but ${one ? 'runs' : 'run'} on no other host yet.`,
    );
  }
  if (args.restarted.length === 0 && args.stayed.length === 0) {
    parts.push(`None of its VMs was running when it was lost.`);
  }
  return parts.join(' ');
}

/** Instead of power buttons that cannot work: the host's VMs are out of reach while it is. */
export function hostPowerUnavailableWords(hostName: string, lost: boolean): string {
  return lost
    ? `${hostName} is not connected, so its VMs cannot be started or stopped from here; to restart its service VMs on other hosts, use Recover VMs…`
    : `${hostName} is not connected: its VMs can be started or stopped once it is`;
}

/** The VM details' HA switch (issue 13 item 4): its label, its hint, and what a service VM says. */
export const HA_WORDS = {
  label: 'Restart on another host if this host fails',
  hint: 'Only a VM whose disks other hosts can reach (shared storage, or none) can be restarted elsewhere: one with disks local to its host cannot.',
  inService: 'Restarted on another host if this host fails: it is part of a service.',
  failed: (on: boolean, vmName: string) =>
    `Couldn't ${on ? 'mark' : 'unmark'} VM ${vmName} to restart on another host`,
  /** The cap's refusal: what is full, and what the admin can do. */
  full: (vmName: string, max: number) =>
    `Couldn't mark VM ${vmName} to restart on another host: ${max.toLocaleString('en-US')} VMs are marked already, the most the console keeps; unmark one first`,
} as const;
