// Type-aware lint: the promise rules catch the bugs that matter in an app that is all async I/O.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Phrases only a refusal (a reason in words), a soft-rule warning or a "why this host" says.
const REFUSAL_WORDS =
  '/soft spread rule|soft co-location|memory free after|keeps every rule|tightest fit|most headroom|looser fit|less headroom|hosts in use|scored lower|scored the same|already there \\(spread\\)|short by|anti-affinity|no migration path|to co-locate with|zone already runs|host lacks|needs hypervisor|hypervisor is not $|would fit|fits nowhere|cannot be placed|has not reported its size|only moved from a host|no longer in the fleet|has moved since|already belongs to service|already a replica|is not persistent|scores this host worse|nothing is known of its size/';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      '.lab/**',
      'test-results/**',
      'artifacts/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.shared.json',
          './tsconfig.electron.json',
          './tsconfig.renderer.json',
          './tsconfig.tools.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Reasons travel as data (shared/domain/reason.ts) and are said once, in shared/words: a refusal
    // sentence built anywhere else, or words read back into code, is an error.
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    // The plan checker is the engine's independent oracle: its notes are bug reports, kept apart
    // from the engine and its words on purpose.
    ignores: [
      'shared/words/**',
      'shared/placement/checker*.ts',
      '**/*.test.ts',
      '**/*.test.tsx',
      '**/testing/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[`TemplateElement[value.raw=${REFUSAL_WORDS}]`, `Literal[value=${REFUSAL_WORDS}]`].map(
          (selector) => ({
            selector,
            message:
              'A refusal, soft-rule or "why this host" sentence is built outside shared/words: return a Reason or Choice (shared/domain/reason.ts) and let shared/words say it.',
          }),
        ),
        {
          selector: "CallExpression[callee.property.name='words']",
          message:
            'Words never go back into code: a Namer maps ids to names, reasons carry the ids.',
        },
      ],
    },
  },
  {
    // Tests may poke at values loosely; production code may not.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
