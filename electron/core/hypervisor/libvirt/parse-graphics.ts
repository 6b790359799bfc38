import type { GraphicsProtocol } from '../../../../shared/domain/console';
import { parseError } from './parse-error';
import { attribute, child, children, isNode, parseXml, type XmlValue } from './xml';

/** Where a running guest's graphical display listens, as its live XML says, and what it speaks. */
export type DisplayListener =
  | { kind: 'tcp'; protocol: GraphicsProtocol; address: string; port: number }
  | { kind: 'socket'; protocol: GraphicsProtocol; path: string }
  | { kind: 'none'; why: string };

const NAMES: Record<GraphicsProtocol, string> = { vnc: 'VNC', spice: 'SPICE' };

/**
 * The guest's display: its first <graphics type='vnc'> or, when it has none, its first
 * <graphics type='spice'>. libvirt writes the port it chose (autoport) into the live XML; `-1` means
 * not listening. A wildcard listen (0.0.0.0, ::) is reached on the host's loopback, so the console
 * never needs the display open on the network. SPICE is reached on its plain port only: a display
 * (or a channel of it) that takes TLS only is refused in words, as is one that is known to ask for
 * a password (libvirt shows `passwd` only with --security-info; otherwise the window finds out
 * when the display refuses the empty ticket).
 */
export function displayListener(xml: string, command = 'virsh dumpxml'): DisplayListener {
  const domain = child(parseXml(xml, command), 'domain');
  if (!isNode(domain)) throw parseError(command, 'no <domain> element', xml);
  const graphics = children(child(domain, 'devices'), 'graphics');
  const vnc = graphics.find((g) => attribute(g, 'type') === 'vnc');
  if (vnc !== undefined) return listenerOf(vnc, 'vnc');
  const spice = graphics.find((g) => attribute(g, 'type') === 'spice');
  if (spice !== undefined) return listenerOf(spice, 'spice');
  return {
    kind: 'none',
    why: "it has no graphical display (its definition has no <graphics type='vnc'> or <graphics type='spice'>)",
  };
}

function listenerOf(node: XmlValue, protocol: GraphicsProtocol): DisplayListener {
  const name = NAMES[protocol];
  const listen = children(node, 'listen')[0];
  const socket = attribute(node, 'socket') ?? attribute(listen, 'socket');
  if (socket !== undefined && socket !== '') return { kind: 'socket', protocol, path: socket };
  if (attribute(listen, 'type') === 'none') {
    return { kind: 'none', why: `its ${name} display has no listener (<listen type='none'>)` };
  }
  const port = portOf(attribute(node, 'port'));
  if (protocol === 'spice') {
    const refusal = spiceRefusal(node, port);
    if (refusal !== undefined) return { kind: 'none', why: refusal };
  }
  if (attribute(node, 'passwd') !== undefined) {
    return {
      kind: 'none',
      why: `its ${name} display asks for a password, which this console cannot send yet (remove passwd from its <graphics>, or use virt-viewer)`,
    };
  }
  if (port === undefined) {
    return { kind: 'none', why: `its ${name} display is not listening (is the VM running?)` };
  }
  const address = attribute(listen, 'address') ?? attribute(node, 'listen') ?? '127.0.0.1';
  return { kind: 'tcp', protocol, address: reachable(address), port };
}

/** Why a SPICE display cannot be reached on its plain port: TLS only, for all or some channels. */
function spiceRefusal(node: XmlValue, port: number | undefined): string | undefined {
  const tlsPort = portOf(attribute(node, 'tlsPort'));
  const fix = 'this console speaks SPICE without TLS only (give it a plain port on 127.0.0.1)';
  if (port === undefined && tlsPort !== undefined) {
    return `its SPICE display listens with TLS only (tlsPort ${tlsPort}): ${fix}`;
  }
  if (attribute(node, 'defaultMode') === 'secure') {
    return `its SPICE display takes TLS only (defaultMode='secure'): ${fix}`;
  }
  const secure = children(node, 'channel')
    .filter((c) => attribute(c, 'mode') === 'secure')
    .map((c) => attribute(c, 'name') ?? '?')
    .slice(0, 12);
  if (secure.length > 0) {
    return `its SPICE channels ${secure.join(', ')} take TLS only (mode='secure'): ${fix}`;
  }
  return undefined;
}

function portOf(value: string | undefined): number | undefined {
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined;
}

function reachable(address: string): string {
  if (address === '' || address === '0.0.0.0') return '127.0.0.1';
  if (address === '::' || address === '[::]') return '::1';
  return address;
}
