/**
 * The parameters a host's libvirt URI may carry. Both only choose which daemon answers on the host
 * itself. The others are for remote transports and tell libvirt what to run or trust: `command=`
 * and `netcat=` name programs, `keyfile=`, `pkipath=` and `known_hosts=` files, `no_verify=`
 * switches checks off. None of them is what the console needs, and each is dangerous where the URI
 * is reused: a move runs `virsh migrate` on the source host towards the target's URI.
 */
export const ALLOWED_URI_PARAMETERS: readonly string[] = ['mode', 'socket'];

/**
 * What is wrong with a libvirt URI as a host setting, in words; undefined when it is fine.
 * libvirt splits parameters on `&` and `;`, decodes their names and compares them regardless of
 * case, so this does the same: `COMMAND=` or `comm%61nd=` must not slip through.
 */
export function libvirtUriProblem(uri: string): string | undefined {
  const trimmed = uri.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s]*$/i.test(trimmed)) {
    return 'Use a libvirt URI such as qemu:///system';
  }
  const query = /\?([^#]*)/.exec(trimmed)?.[1];
  if (query === undefined) return undefined;
  const refused: string[] = [];
  for (const pair of query.split(/[&;]/)) {
    if (pair === '') continue;
    const raw = pair.split('=', 1)[0] ?? '';
    let name: string;
    try {
      name = decodeURIComponent(raw.replace(/\+/g, ' ')).trim().toLowerCase();
    } catch {
      return `The URI parameter "${raw}" is not readable`;
    }
    if (!ALLOWED_URI_PARAMETERS.includes(name) && !refused.includes(name)) refused.push(name);
  }
  if (refused.length === 0) return undefined;
  const list = refused.map((name) => `${name}=`).join(', ');
  return (
    `The libvirt URI may not carry ${list}: only ${ALLOWED_URI_PARAMETERS.map((p) => `${p}=`).join(' and ')} ` +
    'are accepted, since other parameters can make libvirt run a program or trust a file ' +
    '(on this host, and on every host that migrates a VM to it)'
  );
}
