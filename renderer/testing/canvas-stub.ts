/**
 * For component tests in jsdom, which has neither matchMedia (uPlot reads it when loaded) nor a
 * 2D canvas context (uPlot draws into one): every panel that shows a chart imports uPlot, so this
 * is a setup file of the unit tests (vitest.config.ts), a no-op outside jsdom. The stub context
 * records nothing and draws nothing: tests check what the chart says and asks, not pixels (the
 * e2e spec reads pixels in a real Chromium).
 */
export {};
if (typeof window !== 'undefined') installCanvasStub();

function installCanvasStub(): void {
  if (typeof window.matchMedia !== 'function') {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }

  const noop = () => undefined;
  const context = new Proxy(
    { measureText: (text: string) => ({ width: text.length * 6 }) },
    { get: (target, key) => (key in target ? target[key as keyof typeof target] : noop) },
  );
  HTMLCanvasElement.prototype.getContext = function getContext() {
    return context as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;

  // uPlot builds its lines as Path2D objects, which jsdom lacks: an inert one.
  if (typeof globalThis.Path2D === 'undefined') {
    globalThis.Path2D = new Proxy(class {}, {
      construct: () => new Proxy({}, { get: () => noop }),
    }) as unknown as typeof Path2D;
  }
}
