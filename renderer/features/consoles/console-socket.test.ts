import { describe, expect, it } from 'vitest';
import { CONSOLE_INPUT_CHARS } from '../../../shared/domain/console';
import { ConsoleSocket } from './console-socket';

function channel() {
  const sent: string[] = [];
  let closed = 0;
  const c = new ConsoleSocket({ send: (b) => sent.push(b), close: () => (closed += 1) });
  return { c, sent, closed: () => closed };
}

describe('ConsoleSocket', () => {
  it('has every property noVNC checks a raw channel for', () => {
    const { c } = channel();
    const names = [...Object.keys(c), ...Object.getOwnPropertyNames(Object.getPrototypeOf(c))];
    for (const prop of [
      'send',
      'close',
      'binaryType',
      'onerror',
      'onmessage',
      'onopen',
      'protocol',
      'readyState',
    ]) {
      expect(names).toContain(prop);
    }
  });

  it('opens, hands bytes over as copies, and sends base64 in pieces a request may carry', () => {
    const { c, sent } = channel();
    const opened: string[] = [];
    const got: number[][] = [];
    c.onopen = () => opened.push(c.readyState);
    c.onmessage = (e) => got.push([...new Uint8Array(e.data)]);
    c.send(new Uint8Array([1])); // before open: noVNC never does, and nothing may leave
    expect(sent).toEqual([]);
    c.opened();
    expect(opened).toEqual(['open']);
    const incoming = new Uint8Array([82, 70, 66, 32]);
    c.receive(incoming);
    incoming[0] = 0; // the event bridge may reuse its buffer: what noVNC got stays
    expect(got).toEqual([[82, 70, 66, 32]]);

    // noVNC sends a view of its reused send queue.
    const queue = new Uint8Array(64);
    queue.set([0x52, 0x46, 0x42]);
    c.send(new Uint8Array(queue.buffer, 0, 3));
    expect(sent).toEqual(['UkZC']);
    const big = new Uint8Array((CONSOLE_INPUT_CHARS / 4) * 3 + 5).fill(7);
    c.send(big);
    expect(sent.slice(1).map((s) => s.length)).toEqual([CONSOLE_INPUT_CHARS, 8]);
    expect(Buffer.from(sent.slice(1).join(''), 'base64').length).toBeGreaterThan(0);
    expect(Buffer.concat(sent.slice(1).map((s) => Buffer.from(s, 'base64')))).toEqual(
      Buffer.from(big),
    );
  });

  it("tells noVNC how the core's side ended, once", () => {
    const { c } = channel();
    const closes: { code: number; reason: string }[] = [];
    c.onclose = (e) => closes.push({ code: e.code, reason: e.reason });
    c.opened();
    c.ended('The graphical console of VM web-1 on hv1 ended: the VM stopped');
    c.ended();
    c.receive(new Uint8Array([1]));
    expect(closes).toEqual([
      { code: 1011, reason: 'The graphical console of VM web-1 on hv1 ended: the VM stopped' },
    ]);
    expect(c.readyState).toBe('closed');
  });

  it('is heard through addEventListener too, as spice-html5 listens, and keeps its url', () => {
    const { c } = channel();
    const seen: string[] = [];
    const s = new ConsoleSocket(
      { send: () => undefined, close: () => undefined },
      'federator-spice://display-1',
    );
    expect(s.url).toBe('federator-spice://display-1');
    expect(c.url).toBe('');
    s.addEventListener('open', () => seen.push('open'));
    s.addEventListener('message', (e) => {
      seen.push(`message ${[...new Uint8Array((e as MessageEvent<ArrayBuffer>).data)].join(',')}`);
    });
    s.addEventListener('close', (e) => {
      const close = e as Event & { code: number; reason: string };
      seen.push(`close ${close.code} ${close.reason}`);
    });
    s.opened();
    s.receive(new Uint8Array([82, 69, 68, 81]));
    s.ended('the VM stopped');
    expect(seen).toEqual(['open', 'message 82,69,68,81', 'close 1011 the VM stopped']);
  });

  it('closes the core side when noVNC disconnects', () => {
    const { c, closed } = channel();
    c.opened();
    c.close();
    c.close();
    expect(closed()).toBe(1);
    expect(c.readyState).toBe('closed');
  });
});
