/** What a believable small estate runs: roles with the sizes admins give them. */
export const VM_ROLES: readonly { role: string; vcpus: number; memoryMiB: number }[] = [
  { role: 'web', vcpus: 2, memoryMiB: 4096 },
  { role: 'api', vcpus: 4, memoryMiB: 8192 },
  { role: 'db', vcpus: 8, memoryMiB: 32768 },
  { role: 'cache', vcpus: 2, memoryMiB: 8192 },
  { role: 'queue', vcpus: 2, memoryMiB: 4096 },
  { role: 'worker', vcpus: 4, memoryMiB: 8192 },
  { role: 'search', vcpus: 4, memoryMiB: 16384 },
  { role: 'ci-runner', vcpus: 8, memoryMiB: 16384 },
  { role: 'monitor', vcpus: 2, memoryMiB: 4096 },
  { role: 'ldap', vcpus: 1, memoryMiB: 2048 },
  { role: 'proxy', vcpus: 1, memoryMiB: 1024 },
  { role: 'backup', vcpus: 2, memoryMiB: 4096 },
];

export const CPU_MODELS: readonly { model: string; cores: number }[] = [
  { model: 'AMD EPYC 7313 16-Core Processor', cores: 32 },
  { model: 'AMD EPYC 9254 24-Core Processor', cores: 48 },
  { model: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', cores: 64 },
  { model: 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz', cores: 32 },
];

export const OPERATING_SYSTEMS: readonly { name: string; kernel: string }[] = [
  { name: 'Debian GNU/Linux 13 (trixie)', kernel: '6.12.48+deb13-amd64' },
  { name: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0-40-amd64' },
  { name: 'Rocky Linux 9.6 (Blue Onyx)', kernel: '5.14.0-570.el9.x86_64' },
  { name: 'Ubuntu 24.04.3 LTS', kernel: '6.8.0-85-generic' },
];

/** Host memory sizes on offer, in MiB. */
export const MEMORY_SIZES: readonly number[] = [65536, 131072, 262144, 524288];

/** What a demo host with a hypervisor problem says: the same words a real one would need. */
export const DEMO_PROBLEM =
  'virtqemud is not answering (simulated): `systemctl status virtqemud` on the host would say why';
