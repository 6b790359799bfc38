import ELK, { type ElkNode } from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';

type LayOut = (graph: ElkNode) => Promise<ElkNode>;

// ELK (1.4 MB of compiled Java) runs in a Web Worker from the window's own origin (the policy's
// script-src 'self' covers it): loading it and its first layout no longer hold the window's thread.
// A worker that cannot start (an odd shell) falls back to ELK in this thread, loaded then.
let inWorker: LayOut | undefined;
let inThisThread: Promise<LayOut> | undefined;

function startWorker(): LayOut {
  const worker = new Worker(workerUrl, { name: 'elk-layout' });
  const elk = new ELK({ workerFactory: () => worker });
  const failed = new Promise<never>((_, reject) =>
    worker.addEventListener('error', () => reject(new Error('the layout worker did not start')), {
      once: true,
    }),
  );
  failed.catch(() => undefined); // seen by the layout that races it
  return (graph) => Promise.race([elk.layout(graph), failed]);
}

async function loadHere(): Promise<LayOut> {
  const { default: Bundled } = await import('elkjs/lib/elk.bundled.js');
  const elk = new Bundled();
  return (graph) => elk.layout(graph);
}

/** ELK's layout of `graph`: in the worker, or in this thread when no worker can run. */
export async function elkLayout(graph: ElkNode): Promise<ElkNode> {
  if (!inThisThread) {
    try {
      inWorker ??= startWorker();
      return await inWorker(graph);
    } catch {
      inThisThread = loadHere();
    }
  }
  return (await inThisThread)(graph);
}
