export interface VirshEvent {
  /** lifecycle, reboot, metadata-change, device-removed … */
  type: string;
  /** The domain's name, when the event is about one. */
  domain?: string;
  detail: string;
}

// `event 'lifecycle' for domain 'vm2': Stopped Failed`, optionally after a `--timestamp` prefix.
// The name is matched greedily up to the last "': " because names may hold quotes and colons.
const STAMP = String.raw`(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[+-]\d{4}: )?`;
const DOMAIN_EVENT = new RegExp(String.raw`^${STAMP}event '([\w-]+)' for domain '(.*)': (.*)$`);
const OTHER_EVENT = new RegExp(String.raw`^${STAMP}event '([\w-]+)' (.*)$`);

/** One line of `virsh event --all --loop`; undefined for lines that are not events. */
export function parseEventLine(line: string): VirshEvent | undefined {
  const domainEvent = DOMAIN_EVENT.exec(line);
  if (domainEvent) {
    return {
      type: domainEvent[1] ?? '',
      domain: domainEvent[2] ?? '',
      detail: domainEvent[3] ?? '',
    };
  }
  const other = OTHER_EVENT.exec(line);
  return other ? { type: other[1] ?? '', detail: other[2] ?? '' } : undefined;
}
