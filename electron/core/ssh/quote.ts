/**
 * The one quoting function of the project. A remote exec is a single string run by the remote
 * user's shell, so every argument (names read from hosts or typed by users included) goes through
 * here and reaches the program as exactly one, unchanged argument.
 *
 * POSIX single quotes take everything literally except the single quote itself, which is written
 * as: close quote, escaped quote, reopen quote ('\'').
 */
export function quote(arg: string): string {
  if (arg.includes('\0')) {
    // No shell or exec argument can carry a NUL: refuse rather than silently truncate.
    throw new RangeError('A command argument cannot contain a NUL character');
  }
  // No `=` among the plain characters: a first word `X=y` would be an assignment, not a program.
  if (arg !== '' && /^[A-Za-z0-9_@%+:,./-]+$/.test(arg)) return arg;
  return singleQuoted(arg);
}

function singleQuoted(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Join an argument vector into the one string an SSH exec sends, each argument quoted. */
export function toCommandLine(argv: readonly string[]): string {
  if (argv.length === 0) throw new RangeError('An empty command cannot be run');
  const [first = '', ...rest] = argv.map(quote);
  // sshd runs the line as `sh -c LINE`: a line that starts with '-' would be read as sh's options.
  const head = first.startsWith('-') ? singleQuoted(first) : first;
  return [head, ...rest].join(' ');
}
