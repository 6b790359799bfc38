import type { AddHostRequest } from '../../../shared/contract/requests';
import {
  CpuOvercommit,
  libvirtUriProblem,
  MemoryOvercommit,
  MigrationBandwidthMiBs,
  type Host,
  type HostConfig,
  type HostId,
} from '../../../shared/domain';
import { EMPTY_POWER, powerValuesFrom, validatePower, type PowerValues } from './power-form';

export interface AddHostValues extends PowerValues {
  name: string;
  address: string;
  port: string;
  user: string;
  keyPath: string;
  passphrase: string;
  uri: string;
  labels: string;
  /** MiB/s; empty means no limit. */
  migrationBandwidth: string;
  /** This host's own ratios; empty means the fleet's (Settings). */
  cpuOvercommit: string;
  memoryOvercommit: string;
  /** Id of the host to connect through (ProxyJump); empty means directly. */
  jumpHostId: string;
}

export type AddHostErrors = Partial<Record<keyof AddHostValues, string>>;

export const EMPTY_VALUES: AddHostValues = {
  name: '',
  address: '',
  port: '22',
  user: '',
  keyPath: '',
  passphrase: '',
  uri: 'qemu:///system',
  labels: '',
  migrationBandwidth: '',
  cpuOvercommit: '',
  memoryOvercommit: '',
  jumpHostId: '',
  ...EMPTY_POWER,
};

/** The form over a stored host, to change it; the passphrase is never stored, so it starts empty. */
export function valuesFrom(config: HostConfig): AddHostValues {
  return {
    // A name that is the address was never chosen: left empty, it follows a new address.
    name: config.name === config.address ? '' : config.name,
    address: config.address,
    port: String(config.port),
    user: config.user,
    keyPath: config.keyPath ?? '',
    passphrase: '',
    uri: config.uri,
    labels: Object.entries(config.labels)
      .map(([key, value]) => `${key}=${value}`)
      .join(', '),
    migrationBandwidth:
      config.migrationBandwidthMiBs === undefined ? '' : String(config.migrationBandwidthMiBs),
    cpuOvercommit: config.cpuOvercommit === undefined ? '' : String(config.cpuOvercommit),
    memoryOvercommit: config.memoryOvercommit === undefined ? '' : String(config.memoryOvercommit),
    jumpHostId: config.jumpHostId ?? '',
    ...powerValuesFrom(config),
  };
}

export interface JumpHostChoice {
  id: HostId;
  name: string;
}

/**
 * The hosts a host may connect through: the console's other real hosts that are reached directly.
 * Demo hosts have no SSH to forward over, and the core refuses chains (a jump host behind a jump
 * host), so neither is offered. `selfId` is the host being edited, absent when adding.
 */
export function jumpHostChoices(hosts: readonly Host[], selfId?: HostId): JumpHostChoice[] {
  return hosts
    .filter(
      ({ config }) =>
        config.driver !== 'demo' && config.id !== selfId && config.jumpHostId === undefined,
    )
    .map(({ config }) => ({ id: config.id, name: config.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The hosts that may run ipmitool for this one: the console's other real hosts (any route). */
export function fenceProxyChoices(hosts: readonly Host[], selfId?: HostId): JumpHostChoice[] {
  return hosts
    .filter(({ config }) => config.driver !== 'demo' && config.id !== selfId)
    .map(({ config }) => ({ id: config.id, name: config.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** "zone=a, rack=r1" → { zone: 'a', rack: 'r1' }, or the first thing wrong with it, in words. */
export function parseLabels(text: string): { labels: Record<string, string> } | { error: string } {
  const labels: Record<string, string> = {};
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq === -1) return { error: `"${part}" needs the form key=value` };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!key) return { error: `"${part}" has no key before "="` };
    if (!/^[A-Za-z0-9_./-]+$/.test(key)) {
      return { error: `Label key "${key}" may use only letters, digits, "_", ".", "/" and "-"` };
    }
    if (key.length > 64)
      return { error: `Label key "${key.slice(0, 20)}…" is longer than 64 characters` };
    if (value.length > 128) return { error: `The value of "${key}" is longer than 128 characters` };
    if (key in labels) return { error: `Label "${key}" is given twice` };
    labels[key] = value;
  }
  return { labels };
}

const HOSTNAME = /^[A-Za-z0-9._:\-[\]%]+$/;
const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]*\$?$/;

/**
 * Checks the form field by field, with a message for each field that is wrong, and builds the
 * request when none is. The core validates again: this is for the admin, not for safety.
 */
export function validateAddHost(
  values: AddHostValues,
): { request: AddHostRequest; errors: null } | { request: null; errors: AddHostErrors } {
  const errors: AddHostErrors = {};
  const address = values.address.trim();
  if (!address) errors.address = 'Address is required';
  else if (!HOSTNAME.test(address))
    errors.address = 'Use a host name or an IP address, without spaces';
  else if (address.length > 255) errors.address = 'Address is longer than 255 characters';

  const port = Number(values.port.trim());
  if (!values.port.trim()) errors.port = 'Port is required';
  else if (!Number.isInteger(port) || port < 1 || port > 65535) {
    errors.port = 'Port must be a whole number from 1 to 65535';
  }

  const user = values.user.trim();
  if (!user) errors.user = 'User is required';
  else if (!USER.test(user) || user.length > 64) errors.user = 'Not a valid user name';

  if (values.name.trim().length > 200) errors.name = 'Name is longer than 200 characters';
  if (values.keyPath.trim().length > 4096) errors.keyPath = 'Key path is too long';

  const uri = values.uri.trim();
  if (!uri) errors.uri = 'libvirt URI is required';
  else {
    const problem = libvirtUriProblem(uri);
    if (problem !== undefined) errors.uri = problem;
  }

  const parsed = parseLabels(values.labels);
  if ('error' in parsed) errors.labels = parsed.error;

  const bandwidthText = values.migrationBandwidth.trim();
  const bandwidth = Number(bandwidthText);
  if (bandwidthText && !MigrationBandwidthMiBs.safeParse(bandwidth).success) {
    errors.migrationBandwidth = 'A whole number of MiB/s from 1 to 102400, or empty for no limit';
  }

  const ratios: { cpuOvercommit?: number; memoryOvercommit?: number } = {};
  for (const [field, schema] of [
    ['cpuOvercommit', CpuOvercommit],
    ['memoryOvercommit', MemoryOvercommit],
  ] as const) {
    const text = values[field].trim();
    if (!text) continue;
    const ratio = schema.safeParse(Number(text));
    if (ratio.success) ratios[field] = ratio.data;
    else
      errors[field] = `${ratio.error.issues[0]?.message ?? 'Not valid'}, or empty for the fleet's`;
  }

  const power = validatePower(values);
  Object.assign(errors, power.errors);

  if (Object.keys(errors).length > 0 || 'error' in parsed) return { request: null, errors };
  const name = values.name.trim();
  const keyPath = values.keyPath.trim();
  const jumpHostId = values.jumpHostId;
  return {
    errors: null,
    request: {
      address,
      port,
      user,
      uri,
      labels: parsed.labels,
      ...(name ? { name } : {}),
      ...(keyPath ? { keyPath } : {}),
      ...(values.passphrase ? { passphrase: values.passphrase } : {}),
      ...(bandwidthText ? { migrationBandwidthMiBs: bandwidth } : {}),
      ...ratios,
      ...(jumpHostId ? { jumpHostId } : {}),
      ...power.request,
    },
  };
}
