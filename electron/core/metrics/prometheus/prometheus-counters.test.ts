import { describe, expect, it } from 'vitest';
import { HostId } from '../../../../shared/domain/ids';
import {
  instanceAddress,
  instanceKeyOf,
  MetricsSourceStatus,
  type PrometheusMiss,
} from '../../../../shared/domain/prometheus';
import { prometheusMissWords } from '../../../../shared/words/prometheus-words';
import { exporterSeries } from '../../../testing/fake-prometheus';
import { UsageTracker } from '../usage';
import { countersFromAnswers, QUERIES, type Answers, type QueryName } from './prometheus-counters';

type Exported = Parameters<typeof exporterSeries>[1][number];

/** What every query of a round answers for these exporters, as the HTTP client gives it. */
function answersFor(hosts: Exported[]): Answers {
  const answers = {} as Answers;
  for (const name of Object.keys(QUERIES) as QueryName[]) {
    answers[name] = exporterSeries(QUERIES[name], hosts).map((s) => ({
      labels: s.labels,
      value: Number(s.value),
    }));
  }
  return answers;
}

const hv1 = { id: HostId.parse('hv1'), address: '10.0.0.1' };
const hv2 = { id: HostId.parse('hv2'), address: 'hv2.example' };

function exported(address: string, at: number, busy: number, guestSeconds: number): Exported {
  return {
    address,
    scrapedAt: 1_000_000 + at,
    boot: 1_000_000 - 3600,
    cpu: { user: busy * 0.8, system: busy * 0.2, idle: 40_000 + at * 4 - busy, iowait: 20 },
    domains: [{ name: 'web-1', cpuSeconds: guestSeconds, vcpus: 2 }],
  };
}

describe('the instance label names the host', () => {
  it('reads the address out of host:port, [v6]:port and a bare v6 address', () => {
    expect(instanceAddress('10.0.0.1:9100')).toBe('10.0.0.1');
    expect(instanceAddress('[fd00::1]:9100')).toBe('fd00::1');
    expect(instanceAddress('fd00::1')).toBe('fd00::1');
    expect(instanceAddress('HV1.Example')).toBe('hv1.example');
  });

  it("matches by the host's address, or by the override: exact with a port, any port without", () => {
    expect(instanceKeyOf(hv1, {})).toEqual({ address: '10.0.0.1' });
    expect(instanceKeyOf(hv2, { hv2: '10.0.0.2' })).toEqual({ address: '10.0.0.2' });
    expect(instanceKeyOf(hv2, { hv2: '10.0.0.2:9100' })).toEqual({ instance: '10.0.0.2:9100' });
    expect(instanceKeyOf(hv2, { hv2: '[fd00::2]:9100' })).toEqual({ instance: '[fd00::2]:9100' });
  });
});

describe('counters from the exporters, as the SSH sample would give them', () => {
  it('turns node_exporter seconds into /proc jiffies and the libvirt exporter into domstats', () => {
    const mapping = countersFromAnswers(answersFor([exported('10.0.0.1', 0, 1000, 50)]), [hv1], {});
    const sample = mapping.samples.get(hv1.id);
    expect(sample?.scrapedAt).toBe(1_000_000);
    expect(sample?.counters.host).toEqual({
      uptimeSeconds: 3600,
      cpu: { busy: 100_000, iowait: 2000, total: 4_002_000 },
      memoryTotalKiB: 8 * 1024 * 1024,
      memoryAvailableKiB: 6 * 1024 * 1024,
      netRxBytes: 1e9 + 1e9,
      netTxBytes: 2e9 + 5e8,
      rootDisk: { sizeKiB: 100 * 1024 * 1024, usedKiB: 25 * 1024 * 1024 },
    });
    expect(sample?.counters.vms).toEqual([
      {
        name: 'web-1',
        state: 'running',
        readAtSeconds: 3600.5,
        vcpus: 2,
        cpuTimeNs: 50e9,
        memoryUsedKiB: 512 * 1024,
        blockReadBytes: 1_000_000 * 4096,
      },
    ]);
    expect(mapping.nodeTargets).toBe(1);
    expect(mapping.libvirtTargets).toBe(1);
  });

  it('gives the same rates as SSH would: host CPU from jiffies, a guest from its CPU time over its own scrape', () => {
    const tracker = new UsageTracker();
    const idOf = () => 'vm-web-1';
    const round = (at: number, busy: number, guest: number) => {
      const counters = countersFromAnswers(
        answersFor([exported('10.0.0.1', at, busy, guest)]),
        [hv1],
        {},
      ).samples.get(hv1.id)?.counters;
      if (counters === undefined) throw new Error('hv1 not matched');
      return tracker.next(hv1.id, counters, idOf);
    };
    round(0, 1000, 50);
    // 15 s later: 4 cores (the fake's idle grows 4 s a second), 30 busy seconds of 60 = 50 %;
    // the guest used 15 of its 2 × 15 vCPU seconds = 50 %.
    const usage = round(15, 1030, 65);
    expect(usage.host.cpu).toBeCloseTo(50, 0);
    expect(usage.host.netIn).toBeCloseTo(1000, 5);
    expect(usage.vms[0]?.cpu).toBeCloseTo(50, 5);
    expect(usage.vms[0]?.diskRead).toBeCloseTo(4096, 5);
  });

  it('leaves to SSH, with why, a host without node_exporter or without the libvirt exporter', () => {
    const answers = answersFor([exported('10.0.0.1', 0, 1, 1), exported('10.0.0.2', 0, 1, 1)]);
    answers.libvirtScrapedAt = answers.libvirtScrapedAt.filter(
      (s) => !s.labels.instance?.startsWith('10.0.0.1'),
    );
    const hv3 = { id: HostId.parse('hv3'), address: '10.0.0.3' };
    const mapping = countersFromAnswers(answers, [hv1, hv2, hv3], { hv2: '10.0.0.2:9100' });
    // hv2's override names its node_exporter exactly: the libvirt exporter on :9177 is not that instance.
    expect([...mapping.unmatched]).toEqual([
      ['hv1', { code: 'no-libvirt-exporter', at: { address: '10.0.0.1' } }],
      ['hv2', { code: 'no-libvirt-exporter', at: { instance: '10.0.0.2:9100' } }],
      ['hv3', { code: 'no-node-exporter', at: { address: '10.0.0.3' } }],
    ]);
    // Data the contract carries whole, and words the window and the log say alike.
    const status = MetricsSourceStatus.parse({
      source: 'prometheus',
      state: 'ok',
      fromPrometheus: [],
      overSsh: [...mapping.unmatched].map(([hostId, reason]) => ({ hostId, reason })),
    });
    expect(status.overSsh.map((o) => prometheusMissWords(o.reason))).toEqual([
      'Prometheus has no libvirt exporter at 10.0.0.1 (any port)',
      'Prometheus has no libvirt exporter at 10.0.0.2:9100',
      'Prometheus has no node_exporter at 10.0.0.3 (any port)',
    ]);
    const byAddress = countersFromAnswers(answers, [hv2], { hv2: '10.0.0.2' });
    expect(byAddress.samples.has(hv2.id)).toBe(true);
  });

  it('keeps out what no host holds: negative, out of range, stateless domains, hostile names', () => {
    const answers = answersFor([exported('10.0.0.1', 0, 1000, 50)]);
    const lv = '10.0.0.1:9177';
    answers.domains.push(
      {
        labels: {
          __name__: 'libvirt_domain_info_cpu_time_seconds_total',
          instance: lv,
          domain: 'no-state',
        },
        value: 1,
      },
      {
        labels: { __name__: 'libvirt_domain_state_code', instance: lv, domain: '__proto__' },
        value: 1,
      },
      {
        labels: { __name__: 'libvirt_domain_info_virtual_cpus', instance: lv, domain: '__proto__' },
        value: -4,
      },
      { labels: { __name__: 'constructor', instance: lv, domain: 'web-1' }, value: 7 },
    );
    answers.nodeGauges = answers.nodeGauges.map((s) =>
      s.labels.__name__ === 'node_memory_MemAvailable_bytes' ? { ...s, value: 2 ** 70 } : s,
    );
    const mapping = countersFromAnswers(answers, [hv1], {});
    expect(mapping.samples.size).toBe(0);
    expect(mapping.unmatched.get(hv1.id)).toEqual({
      code: 'node-incomplete',
      instance: '10.0.0.1:9100',
      missing: 'memory',
    });
    expect(prometheusMissWords(mapping.unmatched.get(hv1.id) as PrometheusMiss)).toBe(
      'node_exporter at 10.0.0.1:9100 gives no node_memory_MemTotal_bytes and MemAvailable_bytes',
    );
    answers.nodeGauges = answersFor([exported('10.0.0.1', 0, 1000, 50)]).nodeGauges;
    const vms = countersFromAnswers(answers, [hv1], {}).samples.get(hv1.id)?.counters.vms;
    expect(vms?.map((vm) => vm.name).sort()).toEqual(['__proto__', 'web-1']);
    expect(vms?.find((vm) => vm.name === '__proto__')?.vcpus).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('state_code');
  });
});
