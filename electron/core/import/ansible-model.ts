/** An Ansible inventory as groups and hosts, whichever format it came in. */
export interface AnsibleGroup {
  hosts: Set<string>;
  children: Set<string>;
  vars: Record<string, string>;
}

export class AnsibleInventory {
  readonly groups = new Map<string, AnsibleGroup>();
  readonly hostVars = new Map<string, Record<string, string>>();
  /** Hosts in the order the file first names them. */
  readonly hosts: string[] = [];
  readonly notes: string[] = [];

  group(name: string): AnsibleGroup {
    let group = this.groups.get(name);
    if (group === undefined) {
      group = { hosts: new Set(), children: new Set(), vars: {} };
      this.groups.set(name, group);
    }
    return group;
  }

  addHost(name: string, group: string, vars: Record<string, string>): void {
    if (!this.hostVars.has(name)) {
      this.hostVars.set(name, {});
      this.hosts.push(name);
    }
    Object.assign(this.hostVars.get(name) ?? {}, vars);
    this.group(group).hosts.add(name);
  }

  /**
   * A host's variables as Ansible merges them: `all`, then groups from the outermost in, then the
   * host's own. Groups at one depth merge by name, as Ansible does.
   */
  varsOf(host: string): Record<string, string> {
    const depth = this.depths();
    const mine = [...this.groups]
      .filter(([name]) => this.contains(name, host, new Set()))
      .sort(([a], [b]) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0) || a.localeCompare(b));
    const vars: Record<string, string> = {};
    for (const [, group] of mine) Object.assign(vars, group.vars);
    return Object.assign(vars, this.hostVars.get(host));
  }

  /** The groups that name the host itself (not `all` or `ungrouped`), in file order. */
  directGroups(host: string): string[] {
    return [...this.groups]
      .filter(([name, g]) => g.hosts.has(host) && name !== 'all' && name !== 'ungrouped')
      .map(([name]) => name);
  }

  private contains(group: string, host: string, seen: Set<string>): boolean {
    if (group === 'all') return true;
    if (seen.has(group)) return false; // a cycle in children: Ansible refuses it, we stop
    seen.add(group);
    const g = this.groups.get(group);
    if (g === undefined) return false;
    return g.hosts.has(host) || [...g.children].some((c) => this.contains(c, host, seen));
  }

  private depths(): Map<string, number> {
    const depth = new Map<string, number>([['all', 0]]);
    const visit = (name: string, d: number, seen: Set<string>): void => {
      if (seen.has(name)) return;
      seen.add(name);
      depth.set(name, Math.max(depth.get(name) ?? 0, d));
      for (const child of this.groups.get(name)?.children ?? []) visit(child, d + 1, new Set(seen));
    };
    const isChild = new Set([...this.groups.values()].flatMap((g) => [...g.children]));
    for (const name of this.groups.keys())
      if (!isChild.has(name) && name !== 'all') visit(name, 1, new Set());
    return depth;
  }
}

/** Ranges in host names, as Ansible writes them: `web[01:03]`, `db-[a:c]`, `n[0:10:5]`. */
export function expandHostRange(pattern: string, limit: number): string[] {
  const match = /^(.*?)\[([0-9a-z]+):([0-9a-z]+)(?::(\d+))?\](.*)$/i.exec(pattern);
  if (match === null) return [pattern];
  const [, head = '', from = '', to = '', stepText, tail = ''] = match;
  const step = stepText === undefined ? 1 : Number(stepText);
  const out: string[] = [];
  const numeric = /^\d+$/.test(from) && /^\d+$/.test(to);
  if (numeric) {
    const width = from.startsWith('0') ? from.length : 0;
    for (let n = Number(from); n <= Number(to) && out.length <= limit; n += step) {
      out.push(`${head}${String(n).padStart(width, '0')}`);
    }
  } else if (from.length === 1 && to.length === 1) {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0) && out.length <= limit; c += step) {
      out.push(`${head}${String.fromCharCode(c)}`);
    }
  } else {
    return [pattern];
  }
  // The rest may hold another range: web[1:2]-[a:b].
  return out.flatMap((prefix) => expandHostRange(`${prefix}${tail}`, limit).slice(0, limit));
}
