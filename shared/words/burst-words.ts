import type { LogEntry } from '../domain/log';
import { HostState } from '../domain/host';
import { VmChangeKind } from '../domain/vm-change';
import { HOST_LOG_WORDS } from './host-log-words';
import { vmChangeWords } from './vm-change-words';

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * A burst of similar lines in one phrase, from the fields of its newest line: "1,000 hosts
 * connected", "12 VMs started", "4 plans done"; never read from the lines' words.
 */
export function burstWords(first: Pick<LogEntry, 'category' | 'kind'>, members: number): string {
  const kind = first.kind ?? '';
  if (first.category === 'host') {
    const state = HostState.safeParse(kind);
    return `${count(members)} hosts ${state.success ? HOST_LOG_WORDS[state.data].text : kind}`;
  }
  if (first.category === 'vm') {
    const change = VmChangeKind.safeParse(kind);
    // The kind alone: its members' reasons may differ, each line keeps its own.
    const said = change.success
      ? vmChangeWords({ kind: change.data }).text.replace(/ \(.*\)$/, '')
      : kind;
    return `${count(members)} VMs ${said}`;
  }
  if (first.category === 'plan') return `${count(members)} plans ${kind}`;
  if (first.category === 'alert') return `${count(members)} alerts ${kind}`;
  return `${count(members)} lines: ${kind}`;
}
