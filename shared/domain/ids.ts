import { z } from 'zod';

/** Stable id of a host in the inventory (not its address: an address can change). */
export const HostId = z.string().min(1).max(200).brand<'HostId'>();
export type HostId = z.infer<typeof HostId>;

/**
 * A VM's id is its libvirt domain UUID: it survives renames and follows the VM across a live
 * migration, which a name or a host-scoped id would not.
 */
export const VmId = z.string().min(1).max(200).brand<'VmId'>();
export type VmId = z.infer<typeof VmId>;

export const ApplicationId = z.string().min(1).max(200).brand<'ApplicationId'>();
export type ApplicationId = z.infer<typeof ApplicationId>;

export const ServiceId = z.string().min(1).max(200).brand<'ServiceId'>();
export type ServiceId = z.infer<typeof ServiceId>;

export const PlanId = z.string().min(1).max(200).brand<'PlanId'>();
export type PlanId = z.infer<typeof PlanId>;
