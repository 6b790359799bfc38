/** One event of a Chromium trace (DevTools protocol `Tracing.dataCollected`), as the window benches read it. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: {
    name?: string;
    data?: {
      frame?: string;
      type?: string;
      functionName?: string;
      url?: string;
      lineNumber?: number;
      [key: string]: unknown;
    };
  };
}
