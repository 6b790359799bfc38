/** The error a parser throws on bad host output (the test fails if it throws none). */
export function parseErrorOf(fn: () => unknown): {
  code: string;
  message: string;
  detail?: string;
} {
  try {
    fn();
  } catch (thrown) {
    return thrown as { code: string; message: string; detail?: string };
  }
  throw new Error('expected a parse error');
}
