import { readAnsibleIni } from './ansible-ini';
import type { AnsibleInventory } from './ansible-model';
import { readAnsibleYaml } from './ansible-yaml';
import { expandHome, type ImportEnv } from './import-env';
import type { ImportedHost, ImportReading } from './imported-host';

const SSH_CONNECTIONS = new Set(['ssh', 'paramiko', 'smart', 'paramiko_ssh']);

/** YAML if it looks like it (a map at the top, or a .yml/.yaml file); INI otherwise. */
function looksLikeYaml(text: string, origin: string): boolean {
  if (/\.ya?ml$/i.test(origin)) return true;
  if (/\.(ini|cfg)$/i.test(origin) || /^\s*\[/m.test(text)) return false;
  return /^[A-Za-z0-9_-]+:\s*$/m.test(text);
}

/**
 * Hosts of an Ansible inventory (INI or YAML, read here: Ansible need not be installed). Groups
 * become a `group` label; ansible_host/port/user and the private key file are taken over, with
 * group vars; a ProxyJump in ansible_ssh_common_args (`-J x`, `-o ProxyJump=x`) becomes the jump
 * host. Templates (`{{ … }}`) are not evaluated: such a value is noted, not guessed.
 */
export function readAnsibleInventory(text: string, origin: string, env: ImportEnv): ImportReading {
  const inv = looksLikeYaml(text, origin)
    ? readAnsibleYaml(text, origin)
    : readAnsibleIni(text, origin);
  const hosts = inv.hosts.map((name) => hostFrom(inv, name, env));
  const notes = [...inv.notes];
  if (hosts.length === 0) notes.push('No hosts found in the inventory');
  return { read: [origin], notes, hosts };
}

function proxyJumpIn(args: string | undefined): { jump?: string; proxyCommand: boolean } {
  if (args === undefined) return { proxyCommand: false };
  const jump =
    /(?:^|\s)-J\s*([^\s'"]+)/.exec(args)?.[1] ?? /ProxyJump[=\s]+([^\s'"]+)/i.exec(args)?.[1];
  return { ...(jump === undefined ? {} : { jump }), proxyCommand: /ProxyCommand/i.test(args) };
}

function hostFrom(inv: AnsibleInventory, name: string, env: ImportEnv): ImportedHost {
  const vars = inv.varsOf(name);
  const notes: string[] = [];
  let importable = true;
  const pick = (...keys: string[]): string | undefined =>
    keys.map((k) => vars[k]).find((v) => v !== undefined && v !== '');
  const address = pick('ansible_host', 'ansible_ssh_host') ?? name;
  const portText = pick('ansible_port', 'ansible_ssh_port') ?? '22';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    notes.push(`ansible_port ${portText} is not a port number`);
    importable = false;
  }
  let user = pick('ansible_user', 'ansible_ssh_user');
  if (user === undefined) {
    user = env.user;
    notes.push(`No ansible_user: connecting as ${user}, as Ansible would`);
  }
  const key = pick('ansible_ssh_private_key_file', 'ansible_private_key_file');
  if (key === undefined) notes.push('No ansible_ssh_private_key_file: ssh-agent is used');
  for (const [what, value] of [
    ['address', address],
    ['user', user],
    ['key file', key],
  ]) {
    if (value?.includes('{{') === true) {
      notes.push(`The ${what} is a template (${value}), not evaluated on import`);
      importable = false;
    }
  }
  const connection = pick('ansible_connection');
  if (connection !== undefined && !SSH_CONNECTIONS.has(connection)) {
    notes.push(`ansible_connection=${connection}: not an SSH host`);
    importable = false;
  }
  const args = [pick('ansible_ssh_common_args'), pick('ansible_ssh_extra_args')]
    .filter((a) => a !== undefined)
    .join(' ');
  const { jump, proxyCommand } = proxyJumpIn(args === '' ? undefined : args);
  if (proxyCommand)
    notes.push('ProxyCommand is never run by an import: set a jump host after adding it if needed');
  const groups = inv.directGroups(name);
  return {
    key: name,
    name,
    address,
    port: importable ? port : 22,
    user,
    ...(key === undefined ? {} : { keyPath: expandHome(key, env.home) }),
    labels: groups.length === 0 ? {} : { group: groups.join(',').slice(0, 128) },
    ...(jump === undefined ? {} : { jumpSpec: jump }),
    notes,
    importable,
    selectable: !proxyCommand,
  };
}
