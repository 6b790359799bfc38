import type { AddHostRequest } from '../../../shared/contract/requests';
import {
  MAX_BMC_PASSWORD,
  type HostConfig,
  type HostId,
  type PowerSettings,
} from '../../../shared/domain';

/** The power management fields of the host form, as typed. */
export interface PowerValues {
  /** '' no power management, 'ipmi' IPMI over LAN. */
  power: string;
  powerAddress: string;
  powerPort: string;
  powerUser: string;
  /** A new password; empty keeps the stored one (`powerPasswordSet`). */
  powerPassword: string;
  /** 'set' when a password is stored: the window knows no more of it. */
  powerPasswordSet: string;
  /** '' from this console, else the id of the peer host that runs ipmitool (fence proxy). */
  powerRoute: string;
}

export const EMPTY_POWER: PowerValues = {
  power: '',
  powerAddress: '',
  powerPort: '623',
  powerUser: '',
  powerPassword: '',
  powerPasswordSet: '',
  powerRoute: '',
};

export function powerValuesFrom(config: HostConfig): PowerValues {
  const power = config.power;
  if (power === undefined) return EMPTY_POWER;
  return {
    power: power.kind,
    powerAddress: power.address,
    powerPort: String(power.port),
    powerUser: power.user,
    powerPassword: '',
    powerPasswordSet: power.passwordSet ? 'set' : '',
    powerRoute: power.route.kind === 'peer' ? power.route.hostId : '',
  };
}

type PowerRequest = Pick<AddHostRequest, 'power' | 'powerPassword'>;
export type PowerErrors = Partial<Record<keyof PowerValues, string>>;

/** The power part of the request, or what is wrong with each field; nothing when it is off. */
export function validatePower(values: PowerValues): { request: PowerRequest; errors: PowerErrors } {
  const errors: PowerErrors = {};
  if (values.power !== 'ipmi') return { request: {}, errors };
  const address = values.powerAddress.trim();
  if (!address) errors.powerAddress = 'BMC address is required';
  else if (!/^[A-Za-z0-9._:\-[\]%]+$/.test(address) || address.length > 255) {
    errors.powerAddress = 'Use a host name or an IP address, without spaces';
  }
  const port = Number(values.powerPort.trim() || '623');
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    errors.powerPort = 'Port must be a whole number from 1 to 65535';
  }
  const user = values.powerUser.trim();
  if (!user) errors.powerUser = 'BMC user is required';
  else if (user.length > 64) errors.powerUser = 'BMC user is longer than 64 characters';
  if (values.powerPassword.length > MAX_BMC_PASSWORD) {
    errors.powerPassword = `At most ${MAX_BMC_PASSWORD} characters (IPMI 2.0)`;
  }
  if (Object.keys(errors).length > 0) return { request: {}, errors };
  const power: PowerSettings = {
    kind: 'ipmi',
    address,
    port,
    user,
    route: values.powerRoute
      ? { kind: 'peer', hostId: values.powerRoute as HostId }
      : { kind: 'console' },
  };
  return {
    request: { power, ...(values.powerPassword ? { powerPassword: values.powerPassword } : {}) },
    errors,
  };
}
