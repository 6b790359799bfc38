import { parseError } from './parse-error';
import { attribute, child, children, isNode, parseXml } from './xml';

/** Where a running guest's VNC display listens, as its live XML says. */
export type VncListener =
  | { kind: 'tcp'; address: string; port: number }
  | { kind: 'socket'; path: string }
  | { kind: 'none'; why: string };

/**
 * The first <graphics type='vnc'> of a running domain's live XML. libvirt writes the port it chose
 * (autoport) into the live XML; `-1` means not listening. A wildcard listen (0.0.0.0, ::) is
 * reached on the host's loopback, so the console never needs the display open on the network.
 */
export function vncListener(xml: string, command = 'virsh dumpxml'): VncListener {
  const domain = child(parseXml(xml, command), 'domain');
  if (!isNode(domain)) throw parseError(command, 'no <domain> element', xml);
  const graphics = children(child(domain, 'devices'), 'graphics');
  const vnc = graphics.find((g) => attribute(g, 'type') === 'vnc');
  if (vnc === undefined) {
    const spice = graphics.some((g) => attribute(g, 'type') === 'spice');
    return {
      kind: 'none',
      why: spice
        ? 'its display is SPICE only, which this console does not show yet (add a VNC display)'
        : "it has no graphical display (its definition has no <graphics type='vnc'>)",
    };
  }
  const listen = children(vnc, 'listen')[0];
  const socket = attribute(vnc, 'socket') ?? attribute(listen, 'socket');
  if (socket !== undefined && socket !== '') return { kind: 'socket', path: socket };
  const port = Number(attribute(vnc, 'port'));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    return { kind: 'none', why: 'its VNC display is not listening (is the VM running?)' };
  }
  const address = attribute(listen, 'address') ?? attribute(vnc, 'listen') ?? '127.0.0.1';
  return { kind: 'tcp', address: reachable(address), port };
}

function reachable(address: string): string {
  if (address === '' || address === '0.0.0.0') return '127.0.0.1';
  if (address === '::' || address === '[::]') return '::1';
  return address;
}
