import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Prometheus on 127.0.0.1 (port 0) that answers `/api/v1/query` from a function of the query:
 * series as `{ labels, value }`, or a raw handler to misbehave (bad JSON, huge, slow …).
 */
export interface FakeSeries {
  labels: Record<string, string>;
  value: number | string;
}
export type FakeAnswer =
  FakeSeries[] | ((req: IncomingMessage, res: ServerResponse, query: string) => void);

export interface FakePrometheus {
  url: string;
  /** Every query asked, in order, with its `time` parameter. */
  asked: { query: string; time: string | null }[];
  close(): Promise<void>;
}

export async function startFakePrometheus(
  answer: (query: string) => FakeAnswer,
): Promise<FakePrometheus> {
  const asked: FakePrometheus['asked'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname !== '/api/v1/query') {
      res.writeHead(404).end('not found');
      return;
    }
    const query = url.searchParams.get('query') ?? '';
    asked.push({ query, time: url.searchParams.get('time') });
    const reply = answer(query);
    if (typeof reply === 'function') {
      reply(req, res, query);
      return;
    }
    const now = Date.now() / 1000;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result: reply.map((s) => ({ metric: s.labels, value: [now, String(s.value)] })),
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * What node_exporter and the libvirt exporter would give for one host at `address`, scraped at
 * `scrapedAt` (seconds): enough for every query of a round (prometheus-counters.ts's QUERIES).
 */
export function exporterSeries(
  query: string,
  hosts: {
    address: string;
    scrapedAt: number;
    boot: number;
    cpu: Record<string, number>;
    domains: { name: string; cpuSeconds: number; vcpus: number; state?: number }[];
  }[],
): FakeSeries[] {
  const out: FakeSeries[] = [];
  for (const h of hosts) {
    const node = `${h.address}:9100`;
    const lv = `${h.address}:9177`;
    if (query === 'timestamp(node_boot_time_seconds)') {
      out.push({ labels: { instance: node, job: 'node' }, value: h.scrapedAt });
    } else if (query.startsWith('{__name__=~"node_boot_time_seconds')) {
      out.push({ labels: { __name__: 'node_boot_time_seconds', instance: node }, value: h.boot });
      out.push({
        labels: { __name__: 'node_memory_MemTotal_bytes', instance: node },
        value: 8 * 2 ** 30,
      });
      out.push({
        labels: { __name__: 'node_memory_MemAvailable_bytes', instance: node },
        value: 6 * 2 ** 30,
      });
    } else if (query.includes('node_cpu_seconds_total')) {
      for (const [mode, value] of Object.entries(h.cpu)) {
        out.push({ labels: { instance: node, mode }, value });
      }
    } else if (query.includes('node_network_receive')) {
      out.push({ labels: { instance: node }, value: 1e9 + h.scrapedAt * 1000 });
    } else if (query.includes('node_network_transmit')) {
      out.push({ labels: { instance: node }, value: 2e9 + h.scrapedAt * 500 });
    } else if (query.includes('node_filesystem')) {
      const mount = { instance: node, mountpoint: '/' };
      out.push({
        labels: { ...mount, __name__: 'node_filesystem_size_bytes' },
        value: 100 * 2 ** 30,
      });
      out.push({
        labels: { ...mount, __name__: 'node_filesystem_free_bytes' },
        value: 75 * 2 ** 30,
      });
    } else if (query === 'timestamp(libvirt_up)') {
      out.push({ labels: { instance: lv }, value: h.scrapedAt + 0.5 });
    } else if (query.startsWith('{__name__=~"libvirt_domain_info')) {
      for (const d of h.domains) {
        const labels = { instance: lv, domain: d.name, uuid: `uuid-${d.name}` };
        const metric = (name: string, value: number) =>
          out.push({ labels: { ...labels, __name__: name }, value });
        metric('libvirt_domain_info_cpu_time_seconds_total', d.cpuSeconds);
        metric('libvirt_domain_info_virtual_cpus', d.vcpus);
        metric('libvirt_domain_info_memory_usage_bytes', 512 * 2 ** 20);
        metric('libvirt_domain_state_code', d.state ?? 1);
      }
    } else if (query.includes('libvirt_domain_block_stats_read')) {
      for (const d of h.domains) {
        out.push({ labels: { instance: lv, domain: d.name }, value: h.scrapedAt * 4096 });
      }
    }
  }
  return out;
}
