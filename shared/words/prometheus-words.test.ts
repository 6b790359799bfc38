import { describe, expect, it } from 'vitest';
import { prometheusUrlWords } from './prometheus-words';

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
