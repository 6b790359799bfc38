import { AppError } from '../../../shared/errors';
import { AnsibleInventory, expandHostRange } from './ansible-model';

export const MAX_RANGE_HOSTS = 1000;

/** `key=value` words of one line, with shell-like quoting (INI inventories are read by shlex). */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let inWord = false;
  for (const ch of line) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '#' && !inWord) {
      break; // a comment after whitespace
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new Error(`unclosed ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

function vars(words: string[], where: string, notes: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) {
      notes.push(`${where}: "${word}" is not key=value, ignored`);
      continue;
    }
    out[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return out;
}

/**
 * An INI inventory: `[group]` host lines with inline vars, `[group:vars]`, `[group:children]`,
 * host ranges. Values are taken as plain strings (Ansible reads them as Python literals: a quoted
 * value loses its quotes here too, which covers what hosts use).
 */
export function readAnsibleIni(text: string, origin: string): AnsibleInventory {
  const inv = new AnsibleInventory();
  let section = 'ungrouped';
  let kind: 'hosts' | 'vars' | 'children' = 'hosts';
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const where = `${origin} line ${index + 1}`;
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]:]+)(?::(vars|children))?\]$/.exec(line);
    if (header !== null) {
      section = header[1] ?? 'ungrouped';
      kind = header[2] === 'vars' ? 'vars' : header[2] === 'children' ? 'children' : 'hosts';
      inv.group(section);
      return;
    }
    if (line.startsWith('[')) {
      throw new AppError('invalid-request', `Couldn't read ${where} as an Ansible INI inventory`, {
        detail: `unknown section header ${line}`,
      });
    }
    let words: string[];
    try {
      words = splitWords(line);
    } catch (thrown) {
      throw new AppError('invalid-request', `Couldn't read ${where} as an Ansible INI inventory`, {
        detail: thrown instanceof Error ? thrown.message : String(thrown),
      });
    }
    const [head = '', ...rest] = words;
    if (kind === 'vars') {
      const eq = line.indexOf('=');
      if (eq <= 0) inv.notes.push(`${where}: "${line}" is not key=value, ignored`);
      else inv.group(section).vars[line.slice(0, eq).trim()] = unquote(line.slice(eq + 1).trim());
    } else if (kind === 'children') {
      inv.group(head);
      inv.group(section).children.add(head);
    } else {
      const names = expandHostRange(head, MAX_RANGE_HOSTS);
      if (names.length > MAX_RANGE_HOSTS) {
        inv.notes.push(
          `${where}: ${head} names more than ${MAX_RANGE_HOSTS} hosts; only the first are read`,
        );
      }
      const hostVars = vars(rest, where, inv.notes);
      for (const name of names.slice(0, MAX_RANGE_HOSTS)) inv.addHost(name, section, hostVars);
    }
  });
  return inv;
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m === null ? value : (m[2] ?? '');
}
