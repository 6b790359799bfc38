import type { z } from 'zod';

const KIND: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list ([a, b] or lines starting with -)',
  object: 'a mapping (key: value lines)',
  record: 'a mapping (key: value lines)',
};

// zod's own messages start so; a message the schema chose ("needs at least 16 MiB") is kept.
const ZOD_DEFAULT = /^(Invalid|Too small|Too big|Unrecognized key)/;

/**
 * One zod problem of a service file in an admin's words ("should be a number, not text"), instead
 * of zod's ("Invalid input: expected number, received string").
 */
export function issueWords(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const want = KIND[issue.expected] ?? issue.expected;
      // zod leaves the input out of its issues; its message still says what it received.
      const received = /received (\w+)/.exec(issue.message)?.[1];
      if (received === undefined || received === 'undefined')
        return `is missing: it should be ${want}`;
      return `should be ${want}, not ${KIND[received] ?? received}`;
    }
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} item(s)`
        : issue.origin === 'string'
          ? 'cannot be empty'
          : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `is too long (at most ${String(issue.maximum)} characters)`
        : `must be at most ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')} (a typo? keys are case-sensitive)`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_union':
      return 'is not in a form this field accepts (see the example in the YAML help)';
    default:
      return issue.message;
  }
}
