import { z } from 'zod';

/**
 * The bounds of the figures hosts report. A host's output is data from outside: a vCPU count of
 * Infinity or 2^60, a negative memory size or a load of NaN is a broken (or hostile) host, not a
 * machine, and must be refused where it is read rather than reach the placement engine.
 */

/** Above any machine libvirt runs today (KVM's own limit is 4096 on x86). */
export const MAX_VCPUS = 16_384;
/** 4 PiB, in KiB: far above the largest single machines sold (tens of TiB). */
export const MAX_MEMORY_KIB = 2 ** 42;
/** Logical CPUs of one host: well above the largest sold. */
export const MAX_HOST_CPUS = 65_536;
/** A century, in seconds. */
export const MAX_UPTIME_SECONDS = 100 * 365 * 24 * 3600;
/** A load average (runnable tasks): the kernel's pid limit is about 4 million. */
export const MAX_LOAD = 1e7;

/** vCPUs of one VM: a whole number from 1. */
export const VcpuCount = z.number().int().min(1).max(MAX_VCPUS);
/** Memory of one VM or host in KiB, as libvirt and /proc/meminfo give it. */
export const MemoryKiB = z.number().int().min(0).max(MAX_MEMORY_KIB);
/** The same in MiB, as the window shows it (not always whole: 1.5 MiB is 1536 KiB). */
export const MemoryMiB = z
  .number()
  .min(0)
  .max(MAX_MEMORY_KIB / 1024);
export const HostCpuCount = z.number().int().min(1).max(MAX_HOST_CPUS);
export const UptimeSeconds = z.number().min(0).max(MAX_UPTIME_SECONDS);
export const LoadAverage = z.number().min(0).max(MAX_LOAD);
