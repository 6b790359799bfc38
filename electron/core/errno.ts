/** Whether a Node error carries this errno code (ENOENT, EEXIST…): what the fs and process calls throw. */
export function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
