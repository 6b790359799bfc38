import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import {
  startFakePrometheus,
  type FakeAnswer,
  type FakePrometheus,
} from '../../../testing/fake-prometheus';
import { queryInstant, type PrometheusLimits } from './prometheus-http';

const LIMITS: PrometheusLimits = { timeoutMs: 1500, maxBytes: 64 * 1024, maxSeries: 100 };
let server: FakePrometheus | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function ask(answer: FakeAnswer, limits = LIMITS) {
  server = await startFakePrometheus(() => answer);
  return queryInstant(server.url, 'up', 1_700_000_000, limits);
}

async function refused(answer: FakeAnswer, limits = LIMITS): Promise<AppError> {
  const error = await ask(answer, limits).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('an instant query against Prometheus', () => {
  it('asks /api/v1/query with the query and the time, and gives the series as numbers', async () => {
    const series = await ask([
      { labels: { instance: 'a:9100', job: 'node' }, value: '12.5' },
      { labels: { instance: 'b:9100' }, value: 'NaN' },
      { labels: { instance: 'c:9100' }, value: '+Inf' },
    ]);
    expect(series).toEqual([{ labels: { instance: 'a:9100', job: 'node' }, value: 12.5 }]);
    expect(server?.asked).toEqual([{ query: 'up', time: '1700000000.000' }]);
  });

  it('keeps a base URL with a path prefix (Prometheus behind a proxy under /prom)', async () => {
    server = await startFakePrometheus(() => (_req, res) => res.writeHead(404).end());
    const error = await queryInstant(`${server.url}/prom`, 'up', 1, LIMITS).catch(
      (e: unknown) => e as AppError,
    );
    // The fake serves /api/v1/query only: the prefixed path reached it as /prom/api/v1/query.
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/not JSON \(HTTP 404\)/);
  });

  it('passes the query string of the URL on (a token for a proxy) but never names it', async () => {
    const seen: string[] = [];
    server = await startFakePrometheus(() => (req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200).end('<html>proxy error</html>');
    });
    const error = await queryInstant(`${server.url}?token=s3cret#x`, 'up', 1, LIMITS).catch(
      (e: unknown) => e as AppError,
    );
    expect(seen).toEqual([expect.stringMatching(/^\/api\/v1\/query\?token=s3cret&query=up&time=/)]);
    expect((error as AppError).message).toBe(
      `Couldn't read up from Prometheus at ${server.url}: the answer is not JSON (HTTP 200)`,
    );
    // Behind a proxy under a path: the path is kept, in the request and in the words.
    const prefixed = await queryInstant(`${server.url}/prom/?token=s3cret`, 'up', 1, LIMITS).catch(
      (e: unknown) => e as AppError,
    );
    expect((prefixed as AppError).message).toBe(
      `Couldn't read up from Prometheus at ${server.url}/prom/: the answer is not JSON (HTTP 404)`,
    );
  });

  it('refuses an answer that is not JSON, naming the query and the URL', async () => {
    const error = await refused((_req, res) => res.writeHead(200).end('<html>proxy error</html>'));
    expect(error.code).toBe('parse-error');
    expect(error.message).toMatch(
      /^Couldn't read up from Prometheus at http:\/\/127\.0\.0\.1:\d+: the answer is not JSON/,
    );
    expect(error.detail).toContain('proxy error');
  });

  it('refuses JSON of the wrong shape (a matrix, a label that is not a string, a timestamp string)', async () => {
    const shapes = [
      { status: 'success', data: { resultType: 'matrix', result: [] } },
      {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: { a: 1 }, value: [1, '1'] }] },
      },
      {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: ['1', '1'] }] },
      },
      {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [{ metric: { ['x'.repeat(2000)]: 'y' }, value: [1, '1'] }],
        },
      },
      ['not', 'an', 'object'],
    ];
    for (const shape of shapes) {
      const error = await refused((_req, res) => res.writeHead(200).end(JSON.stringify(shape)));
      expect(error.code).toBe('parse-error');
      await server?.close();
      server = undefined;
    }
  });

  it("says Prometheus's own error (a bad query) in words", async () => {
    const error = await refused((_req, res) =>
      res.writeHead(400).end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: 'parse error at char 3',
        }),
      ),
    );
    expect(error.code).toBe('command-failed');
    expect(error.message).toMatch(/bad_data: parse error at char 3$/);
  });

  it('stops reading a huge answer at the byte cap, declared or not', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    let written = 0;
    const undeclared = await refused((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // An endless body: the client must hang up, not buffer it.
      const more = () => {
        while (written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 50 * 1024 * 1024) res.once('drain', more);
        else res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      more();
    });
    expect(undeclared.code).toBe('remote-output-too-large');
    expect(written).toBeLessThan(8 * 1024 * 1024);
    await server?.close();
    server = undefined;
    const declared = await refused((_req, res) => {
      res.writeHead(200, { 'content-length': String(1024 * 1024 * 1024) });
      res.write('{');
    });
    expect(declared.code).toBe('remote-output-too-large');
  });

  it('gives up on a Prometheus that drips its answer, within the time limit', async () => {
    const start = performance.now();
    const error = await refused(
      (_req, res) => {
        res.writeHead(200);
        const timer = setInterval(() => res.write(' '), 100);
        res.on('close', () => clearInterval(timer));
      },
      { ...LIMITS, timeoutMs: 400 },
    );
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/no answer within 400 ms/);
    expect(performance.now() - start).toBeLessThan(1500);
  });

  it('refuses more series than one answer may carry', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({
      labels: { instance: `h${i}` },
      value: 1,
    }));
    const error = await refused(many);
    expect(error.code).toBe('remote-output-too-large');
  });

  it('says a Prometheus that is not there is unreachable', async () => {
    server = await startFakePrometheus(() => []);
    const url = server.url;
    await server.close();
    server = undefined;
    const error = await queryInstant(url, 'up', 1, LIMITS).catch((e: unknown) => e as AppError);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unreachable');
    expect((error as AppError).message).toMatch(/ECONNREFUSED/);
  });
});
