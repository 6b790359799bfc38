import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { SshSession } from './ssh-session';

/** Just enough of an ssh2 Client for the close bookkeeping: no network, no channels. */
function session(): { client: EventEmitter; session: SshSession } {
  const client = Object.assign(new EventEmitter(), {
    destroy: () => undefined,
    end: () => client.emit('close'),
  });
  const peer = { hostName: 'hv1', endpoint: '127.0.0.11:22', user: 'hv1' };
  const timing = {
    keepaliveMs: 5_000,
    keepaliveCount: 3,
    readyTimeoutMs: 5_000,
    execTimeoutMs: 1_000,
    maxChannels: 4,
    noDelay: true,
  };
  return { client, session: new SshSession(client as unknown as Client, peer, timing, 'SHA256:x') };
}

describe('ssh session close listeners', () => {
  it('a connection that died before anyone listened is still reported, once', async () => {
    const { client, session: s } = session();
    client.emit('close'); // dropped between the handshake and the link's onClose
    expect(s.isOpen).toBe(false);
    const heard: (AppError | undefined)[] = [];
    s.onClose((error) => heard.push(error));
    expect(heard).toEqual([]); // not inside onClose: the caller finishes its setup first
    await Promise.resolve();
    expect(heard).toHaveLength(1);
    expect(heard[0]?.code).toBe('unreachable');
  });

  it('a late listener that unsubscribes at once hears nothing; after close() it hears no error', async () => {
    const { client, session: s } = session();
    const heard: unknown[] = [];
    s.onClose((error) => heard.push(error))();
    client.emit('close');
    await Promise.resolve();
    expect(heard).toEqual([]);

    const closed = session().session;
    await closed.close();
    closed.onClose((error) => heard.push(error ?? 'clean'));
    await Promise.resolve();
    expect(heard).toEqual(['clean']);
  });
});
