/**
 * Power management of a host through its BMC (fencing, issue 13): where the BMC answers, who asks
 * it, and what it said, as data. The password is a secret and never part of these values: the
 * console keeps it sealed in its secret store, and the window only learns whether one is set.
 */
import { z } from 'zod';
import { HostId } from './ids';

/**
 * Who runs `ipmitool`: the console's own machine, or a peer host over its existing SSH link (a
 * fence proxy, as oVirt does), for a BMC network the console cannot reach.
 */
export const PowerRoute = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('console') }),
  z.object({ kind: z.literal('peer'), hostId: HostId }),
]);
export type PowerRoute = z.infer<typeof PowerRoute>;

/** IPMI over LAN (lanplus), the one protocol the tests can run a real service for. */
export const PowerSettings = z.object({
  kind: z.literal('ipmi'),
  address: z.string().trim().min(1, 'BMC address is required').max(255),
  port: z.number().int().min(1).max(65535).default(623),
  user: z.string().trim().min(1, 'BMC user is required').max(64),
  route: PowerRoute.default({ kind: 'console' }),
});
export type PowerSettings = z.output<typeof PowerSettings>;

/** As stored with the host: the settings, and whether a password is kept in the secret store. */
export const PowerConfig = PowerSettings.extend({ passwordSet: z.boolean() });
export type PowerConfig = z.output<typeof PowerConfig>;

/** Longest BMC password IPMI 2.0 takes (20 bytes); a longer one can only be refused by the BMC. */
export const MAX_BMC_PASSWORD = 20;

/** The power state a BMC reports. */
export const PowerState = z.enum(['on', 'off']);
export type PowerState = z.infer<typeof PowerState>;

/**
 * Why power management did not answer, as data: shared/words says it. `at` is the BMC's
 * address:port; `peer` the fence proxy's host id when the route is a peer.
 */
export const PowerFailure = z.discriminatedUnion('code', [
  /** No power management configured for the host. */
  z.object({ code: z.literal('not-configured') }),
  /** Configured without a password, or the stored one is gone. */
  z.object({ code: z.literal('no-password') }),
  /** The stored password was sealed by another shell (the desktop app's keychain) or is damaged. */
  z.object({ code: z.literal('password-unreadable'), sealedBy: z.string().optional() }),
  /** The BMC refused the password ('wrong-password') or does not know the user ('unknown-user'). */
  z.object({ code: z.enum(['wrong-password', 'unknown-user']), at: z.string(), user: z.string() }),
  /** Nothing answered at the BMC's address within `seconds`. */
  z.object({ code: z.literal('no-answer'), at: z.string(), seconds: z.number() }),
  /** `ipmitool` is not installed where it must run (the console's machine, or the peer). */
  z.object({ code: z.literal('ipmitool-missing'), peer: HostId.optional() }),
  /** The fence proxy is not connected (or no longer a host of the console). */
  z.object({ code: z.literal('peer-unusable'), peer: HostId, state: z.string().optional() }),
  /** The fence proxy is the host itself: a host cannot be fenced by itself. */
  z.object({ code: z.literal('peer-is-target') }),
  /** The BMC answered something the console cannot read; `said` is its first line. */
  z.object({ code: z.literal('unexpected-answer'), at: z.string(), said: z.string() }),
]);
export type PowerFailure = z.infer<typeof PowerFailure>;

/** What asking the BMC gave: its power state, or why there is none. */
export const PowerReading = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), state: PowerState }),
  z.object({ ok: z.literal(false), failure: PowerFailure }),
]);
export type PowerReading = z.infer<typeof PowerReading>;

/** The BMC's address as the words name it: `127.0.0.23:623`. */
export function bmcEndpoint(settings: Pick<PowerSettings, 'address' | 'port'>): string {
  return settings.address.includes(':') && !settings.address.startsWith('[')
    ? `[${settings.address}]:${settings.port}`
    : `${settings.address}:${settings.port}`;
}
