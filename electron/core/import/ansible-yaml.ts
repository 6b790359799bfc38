import { parse } from 'yaml';
import { AppError } from '../../../shared/errors';
import { MAX_RANGE_HOSTS } from './ansible-ini';
import { AnsibleInventory, expandHostRange } from './ansible-model';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Scalars as strings; structured values (lists, maps) are not host settings and are left out. */
function scalars(value: unknown, where: string, notes: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out[key] = String(v);
    else if (v !== null && key.startsWith('ansible_'))
      notes.push(`${where}: ${key} is not a plain value, ignored`);
  }
  return out;
}

/** A YAML inventory: `all:` (or top-level groups) with `hosts:`, `vars:` and `children:`. */
export function readAnsibleYaml(text: string, origin: string): AnsibleInventory {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (thrown) {
    throw new AppError('invalid-request', `Couldn't read ${origin} as a YAML inventory`, {
      detail: thrown instanceof Error ? thrown.message : String(thrown),
    });
  }
  if (!isObject(doc)) {
    throw new AppError(
      'invalid-request',
      `Couldn't read ${origin} as a YAML inventory: it is not a map of groups`,
    );
  }
  const inv = new AnsibleInventory();
  const visit = (name: string, body: unknown, seen: Set<string>): void => {
    const group = inv.group(name);
    if (seen.has(name) || !isObject(body)) return;
    seen.add(name);
    Object.assign(group.vars, scalars(body.vars, `group ${name}`, inv.notes));
    if (isObject(body.hosts)) {
      for (const [pattern, hostBody] of Object.entries(body.hosts)) {
        const names = expandHostRange(pattern, MAX_RANGE_HOSTS);
        if (names.length > MAX_RANGE_HOSTS) {
          inv.notes.push(
            `${pattern} names more than ${MAX_RANGE_HOSTS} hosts; only the first are read`,
          );
        }
        const vars = scalars(hostBody, `host ${pattern}`, inv.notes);
        for (const host of names.slice(0, MAX_RANGE_HOSTS)) inv.addHost(host, name, vars);
      }
    }
    if (isObject(body.children)) {
      for (const [child, childBody] of Object.entries(body.children)) {
        group.children.add(child);
        visit(child, childBody, new Set(seen));
      }
    }
  };
  for (const [name, body] of Object.entries(doc)) visit(name, body, new Set());
  return inv;
}
