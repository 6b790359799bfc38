import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import { prometheusUrlWords } from '../../../../shared/words/prometheus-words';

/**
 * One instant query against Prometheus's HTTP API (`GET /api/v1/query`), read defensively: the
 * answer is capped in bytes and time, and validated before anything uses it. A Prometheus that is
 * broken, slow or hostile costs one bounded request, never the console.
 */

export interface PrometheusLimits {
  /** The whole request, body included. */
  timeoutMs: number;
  /** Bytes of one answer; past it the body is not read any further. */
  maxBytes: number;
  /** Series one answer may carry. */
  maxSeries: number;
}

/** One query of a fleet of a few thousand hosts is a few MiB; 32 MiB is a broken or hostile server. */
export const PROMETHEUS_LIMITS: PrometheusLimits = {
  timeoutMs: 5000,
  maxBytes: 32 * 1024 * 1024,
  maxSeries: 200_000,
};

const Label = z.string().max(1024);
/** Prometheus writes sample values as strings ("1.5", "NaN", "+Inf"); only finite numbers count. */
const SampleValue = z.tuple([z.number().finite(), z.string().max(64)]);
const VectorSeries = z.object({ metric: z.record(Label, Label), value: SampleValue });

const QueryAnswer = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.object({ resultType: z.literal('vector'), result: z.array(VectorSeries) }),
  }),
  z.object({
    status: z.literal('error'),
    errorType: z.string().max(200).optional(),
    error: z.string().max(4000).optional(),
  }),
]);

export interface Series {
  labels: Record<string, string>;
  value: number;
}

/** `GET {base}/api/v1/query?query=…&time=…`: the series of an instant vector, values as numbers. */
export async function queryInstant(
  baseUrl: string,
  query: string,
  timeSeconds: number,
  limits: PrometheusLimits = PROMETHEUS_LIMITS,
): Promise<Series[]> {
  // The API under the base's path; the base's own query (a token a proxy wants) goes along.
  const url = new URL(baseUrl);
  url.hash = '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/query`;
  url.searchParams.set('query', query);
  url.searchParams.set('time', timeSeconds.toFixed(3));
  const action = `Couldn't read ${query} from Prometheus at ${prometheusUrlWords(baseUrl)}`;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let text: string;
  let status: number;
  try {
    const response = await fetch(url, { signal, redirect: 'error' });
    status = response.status;
    text = await readCapped(response, limits.maxBytes, action);
  } catch (thrown) {
    if (thrown instanceof AppError) throw thrown;
    if (signal.aborted) {
      throw new AppError('timeout', `${action}: no answer within ${limits.timeoutMs} ms`);
    }
    throw new AppError('unreachable', `${action}: ${causeOf(thrown)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('parse-error', `${action}: the answer is not JSON (HTTP ${status})`, {
      detail: text.slice(0, 2000),
    });
  }
  const parsed = QueryAnswer.safeParse(json);
  if (!parsed.success) {
    throw new AppError('parse-error', `${action}: not an instant vector (HTTP ${status})`, {
      detail: `${z.prettifyError(parsed.error).slice(0, 2000)}\n${text.slice(0, 1000)}`,
    });
  }
  if (parsed.data.status === 'error') {
    throw new AppError(
      'command-failed',
      `${action}: ${parsed.data.errorType ?? 'error'}: ${parsed.data.error ?? 'no message'}`,
    );
  }
  const result = parsed.data.data.result;
  if (result.length > limits.maxSeries) {
    throw new AppError(
      'remote-output-too-large',
      `${action}: ${result.length} series, more than the ${limits.maxSeries} one answer may carry`,
    );
  }
  const series: Series[] = [];
  for (const { metric, value } of result) {
    const number = Number(value[1]);
    if (Number.isFinite(number)) series.push({ labels: metric, value: number });
  }
  return series;
}

/** The body as text, read no further than `maxBytes` (a declared length is not trusted either). */
async function readCapped(response: Response, maxBytes: number, action: string): Promise<string> {
  const tooLarge = () =>
    new AppError(
      'remote-output-too-large',
      `${action}: the answer is larger than ${maxBytes} bytes`,
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const body = response.body;
  if (body === null) return '';
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function causeOf(thrown: unknown): string {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause ?? error.message;
}
