import { describe, expect, it } from 'vitest';
import { prometheusMissWords, prometheusUrlWords } from './prometheus-words';

describe('a Prometheus URL in words', () => {
  it('keeps scheme, host, port and path, and drops the query and the fragment', () => {
    expect(prometheusUrlWords('https://proxy.example:8443/prom?token=s3cret&x=1')).toBe(
      'https://proxy.example:8443/prom',
    );
    expect(prometheusUrlWords('http://prom.example:9090/#token=s3cret')).toBe(
      'http://prom.example:9090/',
    );
    expect(prometheusUrlWords('http://[::1]:9090/a/b?')).toBe('http://[::1]:9090/a/b');
  });

  it('drops credentials, which a refused URL may still carry', () => {
    expect(prometheusUrlWords('http://admin:s3cret@prom.example:9090/x?t=1')).toBe(
      'http://prom.example:9090/x',
    );
  });

  it('leaves a URL with nothing secret as it is', () => {
    expect(prometheusUrlWords('http://10.0.0.5:9090')).toBe('http://10.0.0.5:9090');
    expect(prometheusUrlWords('http://prom/a@b')).toBe('http://prom/a@b');
  });
});

describe('why a host stays on SSH, in words', () => {
  it('says each reason with its target or figure', () => {
    expect(
      prometheusMissWords({ code: 'no-node-exporter', at: { instance: '10.0.0.2:9100' } }),
    ).toBe('Prometheus has no node_exporter at 10.0.0.2:9100');
    expect(prometheusMissWords({ code: 'no-libvirt-exporter', at: { address: '10.0.0.2' } })).toBe(
      'Prometheus has no libvirt exporter at 10.0.0.2 (any port)',
    );
    expect(
      prometheusMissWords({ code: 'node-incomplete', instance: 'a:9100', missing: 'boot-time' }),
    ).toBe('node_exporter at a:9100 gives no node_boot_time_seconds');
    expect(prometheusMissWords({ code: 'down' })).toBe('Prometheus did not answer');
  });
});
