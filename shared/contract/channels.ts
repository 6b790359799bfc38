import type { EventChannel } from './events';
import type { RequestChannel } from './requests';

/**
 * The contract's channel names without its schemas. The Electron preload allow-lists these: it runs
 * sandboxed, where only a bundled script can run, and should not carry zod and every schema for a
 * list of strings. The types below make a missing or extra name a compile error.
 */
export const REQUEST_CHANNELS = [
  'fleet:snapshot',
  'hosts:add',
  'hosts:update',
  'hosts:trust-key',
  'hosts:reconnect',
  'hosts:disconnect',
  'hosts:remove',
  'hosts:set-labels',
  'vms:action',
  'demo:set',
  'log:recent',
  'services:list',
  'services:save',
  'services:plan-deploy',
  'services:start',
  'services:stop',
  'services:plan-delete',
  'services:adopt',
  'plans:list',
  'plans:approve',
  'plans:discard',
  'plans:cancel',
  'plans:resume',
  'plans:rollback',
  'plans:plan-undo',
  'vms:plan-moves',
  'hosts:set-maintenance',
  'paths:list',
  'paths:check',
  'settings:get',
  'settings:update',
  'app:about',
  'inventory:notices',
  'inventory:dismiss-notices',
  'hosts:import-preview',
  'hosts:import',
  'metrics:series',
  'metrics:latest',
  'alerts:rules',
  'alerts:save-rule',
  'alerts:delete-rule',
  'alerts:export-rules',
  'alerts:import-preview',
  'alerts:import',
  'alerts:list',
  'alerts:acknowledge',
  'alerts:webhook',
  'alerts:set-webhook',
  'alerts:test-webhook',
  'metrics:source',
  'metrics:prometheus-test',
  'vms:details',
  'vms:set-autostart',
] as const satisfies readonly RequestChannel[];

export const EVENT_CHANNELS = [
  'hosts:changed',
  'hosts:removed',
  'vms:changed',
  'demo:changed',
  'log:appended',
  'plans:changed',
  'services:changed',
  'paths:changed',
  'settings:changed',
  'app:menu-command',
  'inventory:notices-changed',
  'metrics:sampled',
  'alerts:changed',
  'alerts:fired',
  'alerts:resolved',
  'alerts:rules-changed',
  'alerts:webhook-changed',
] as const satisfies readonly EventChannel[];

type Unlisted<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
/** Fails to compile, naming the channel, when the contract gains a request or event not listed here. */
export const allRequestsListed: Unlisted<RequestChannel, (typeof REQUEST_CHANNELS)[number]> = true;
export const allEventsListed: Unlisted<EventChannel, (typeof EVENT_CHANNELS)[number]> = true;
