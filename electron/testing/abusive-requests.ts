import { MAX_MESSAGE_BYTES } from '../../shared/contract/wire';
import type { Router } from '../core/router';

/**
 * The largest hostile requests a shell lets through: each fills one message up to the 1 MiB limit
 * with what is cheapest to send and dearest to check (many tiny invalid elements, many keys).
 */
export interface AbusiveRequest {
  name: string;
  channel: string;
  /** The message text as it arrives (JSON), at most MAX_MESSAGE_BYTES long. */
  text: string;
}

/** `[item,item,…]` with as many items as fit in `budget` characters. */
function filledArray(item: string, budget: number): string {
  const count = Math.floor((budget - 2) / (item.length + 1));
  return `[${Array.from({ length: count }, () => item).join(',')}]`;
}

/** `{"k0":"v","k1":"v",…}` with as many keys as fit. */
function filledRecord(value: string, budget: number): string {
  const parts: string[] = [];
  let used = 2;
  for (let i = 0; used < budget - 32; i++) {
    const part = `"k${i}":${value}`;
    parts.push(part);
    used += part.length + 1;
  }
  return `{${parts.join(',')}}`;
}

export function abusiveRequests(limit = MAX_MESSAGE_BYTES): AbusiveRequest[] {
  const room = limit - 200; // the envelope around the array
  const adopt = (vms: string) => `{"serviceId":"shop","applicationId":"web","vms":${vms}}`;
  const bundle = (applications: string, dependsOn = '{}') =>
    `{"service":{"id":"s","name":"s","applications":[],"dependsOn":${dependsOn},"policy":"spread","health":{"kind":"all-up"}},"applications":${applications}}`;
  const request = (channel: string, what: string, text: string): AbusiveRequest => ({
    name: `${channel}, ${what}`,
    channel,
    text,
  });
  return [
    request('services:adopt', '0 as every VM', adopt(filledArray('0', room))),
    request('services:adopt', '{} as every VM', adopt(filledArray('{}', room))),
    request(
      'services:adopt',
      'valid-looking VMs',
      adopt(filledArray('{"hostId":"h","vmId":"v"}', room)),
    ),
    request('services:save', '0 as every application', bundle(filledArray('0', room))),
    request(
      'services:save',
      'one dependsOn key per application',
      bundle('[]', filledRecord('[0]', room)),
    ),
    request(
      'hosts:set-labels',
      'one label per key',
      `{"hostId":"h","labels":${filledRecord('0', room)}}`,
    ),
    request('vms:plan-moves', '0 as every move', `{"moves":${filledArray('0', room)}}`),
  ];
}

export interface Measured {
  name: string;
  requestBytes: number;
  /** Parse and route, start to answer: the handler never runs for these, so all of it is one block. */
  blockedMs: number;
  /** Of which JSON.parse of the message, which any transport pays. */
  parseMs: number;
  /** CPU time of the whole, which a busy machine does not inflate the way it does wall time. */
  cpuMs: number;
  answerBytes: number;
  code: string;
}

/** Parse the message as the shell would and route it, timing the whole synchronous stretch. */
export async function measure(router: Router, request: AbusiveRequest): Promise<Measured> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const payload = JSON.parse(request.text) as unknown;
  const parseMs = performance.now() - started;
  const envelope = await router(request.channel, payload);
  const blockedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    cpuMs: (used.user + used.system) / 1000,
    name: request.name,
    requestBytes: request.text.length,
    blockedMs,
    parseMs,
    answerBytes: JSON.stringify(envelope).length,
    code: envelope.ok ? 'ok' : envelope.error.code,
  };
}
