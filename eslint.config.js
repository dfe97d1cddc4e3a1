// One lint for the whole monorepo: typescript-eslint with type information (promises that are
// dropped or handed to callbacks that ignore them are the bugs that cost us most), React hooks rules
// for the console and widget, and Nx module boundaries from the project tags.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Typed rules run on the product code, in one program for the Node code (the API and every lib, so
// the libraries are parsed once) and one per browser app; each file names its program, so a run over
// the Node code never builds the browser ones. Tests get the untyped rules: typing them as well
// doubled the lint's time.
const NODE_PROJECT = ['./tsconfig.eslint.json'];
// Console folders whose words all come from the catalogs. Admin, the supervisor dashboard and the
// SLA admin screens are not extracted yet: each joins this list (and so the lint) once it is.
const CONSOLE_I18N_FILES = [
  'apps/console/src/*.{ts,tsx}',
  'apps/console/src/{app,components,lib,i18n}/**/*.{ts,tsx}',
  'apps/console/src/features/{rules,routing,macros}/**/*.{ts,tsx}',
  'apps/console/src/features/custom-fields/**/*.{ts,tsx}',
  'apps/console/src/features/{auth,composer,contacts,conversations,hold,language,presence,queues,shortcuts,tickets,transfer}/**/*.{ts,tsx}',
  'apps/console/src/features/{notifications,availability}/**/*.{ts,tsx}',
  'apps/console/src/features/sla/components/**/*.{ts,tsx}',
  'apps/console/src/features/{admin,supervisor}/**/*.{ts,tsx}',
  'apps/console/src/features/sla/admin/**/*.{ts,tsx}',
  'apps/console/src/features/merge/**/*.{ts,tsx}',
  'apps/console/src/features/{reviews,reports}/**/*.{ts,tsx}',
];
const BROWSER_PROJECTS = ['./apps/console/tsconfig.app.json', './apps/widget/tsconfig.app.json'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/.nx/**', '**/coverage/**', 'tmp/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { project: NODE_PROJECT, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Nest injects through constructor parameter types: those imports must stay value imports.
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      // Stripping NUL, bidi and other control characters from untrusted text is this product's job.
      'no-control-regex': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // Pure libraries: no framework, no database, nothing of the apps.
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: [
                '@nestjs/*',
                'typeorm',
                'pg',
                'socket.io',
                'ioredis',
                'react',
                'react-dom',
              ],
            },
            // A channel reaches the core only through the kit's ports: never the database itself,
            // never another channel.
            {
              sourceTag: 'type:channel',
              onlyDependOnLibsWithTags: ['type:domain', 'type:channel-kit', 'type:test-support'],
              bannedExternalImports: ['pg', 'typeorm', '@nestjs/typeorm', 'ioredis'],
            },
            {
              sourceTag: 'type:channel-kit',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['pg', 'typeorm', '@nestjs/typeorm', 'ioredis'],
            },
            { sourceTag: 'type:test-support', onlyDependOnLibsWithTags: ['type:domain', 'type:channel-kit'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:channel',
                'type:channel-kit',
                'type:test-support',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/console/**/*.{ts,tsx}', 'apps/widget/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: globals.browser,
      parserOptions: { project: BROWSER_PROJECTS, tsconfigRootDir: import.meta.dirname },
    },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The widget speaks the visitor's language: a literal that could reach the page fails here and
    // belongs in src/i18n (en.ts and the others). What may stay literal: identifiers and codes
    // (one lowercase token: tags, events, error codes), DOM attribute values that are not words,
    // and strings without letters.
    files: ['apps/widget/src/**/*.ts'],
    ignores: ['apps/widget/src/i18n/*.ts', 'apps/widget/src/**/__tests__/**'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'all',
          'should-validate-template': true,
          message: 'words the visitor can see come from the catalogs in src/i18n (t("key"))',
          words: {
            exclude: [
              '[0-9!-/:-@[-`{-~]+',
              '[A-Z_-]+',
              '/[a-zA-Z0-9_./:?=&${}-]*',
              '_*[a-z][a-zA-Z0-9_.:-]*',
            ],
          },
          callees: {
            exclude: [
              'i18n(ext)?',
              't',
              'require',
              'addEventListener',
              'removeEventListener',
              'setAttribute',
              'getAttribute',
              'toggleAttribute',
              'setProperty',
              'querySelector(All)?',
              'createElement(NS)?',
              'matchAll',
              'replace',
              'split',
              'test',
              'Error',
              'SessionError',
              // URLs of our own API.
              'postJson',
              'io',
            ],
          },
          'object-properties': {
            exclude: [
              '[A-Z_-]+',
              'class',
              'type',
              'role',
              'name',
              'rel',
              'target',
              'href',
              'src',
              'autocomplete',
              'maxlength',
              'viewBox',
              'headers',
              'credentials',
              'method',
              'transports',
              'content-type',
              'data-.*',
              'aria-(hidden|live|pressed)',
            ],
          },
        },
      ],
    },
  },
  {
    // The console speaks the agent's language: words an agent can see (JSX text, labels, titles,
    // placeholders, messages) come from src/i18n (en.ts, de.ts) through t("key"). What may stay
    // literal: identifiers and codes (one lowercase token), CSS classes, DOM attribute values that
    // are not words, and strings without letters.
    files: CONSOLE_I18N_FILES,
    ignores: [
      'apps/console/src/i18n/*.ts',
      'apps/console/src/**/__tests__/**',
      'apps/console/src/test-support/**',
    ],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'all',
          'should-validate-template': true,
          message: 'words the agent can see come from the catalogs in src/i18n (t("key"))',
          words: {
            exclude: [
              '[\\s0-9!-/:-@[-`{-~×‹›…⋯—–·•→←↑↓★☆✓✕▾▸▴]+',
              '[A-Z_-]+',
              '/[a-zA-Z0-9_./:?=&${}-]*',
              '_*[a-z][a-zA-Z0-9_.:/#-]*',
            ],
          },
          'jsx-attributes': {
            exclude: [
              'className',
              'type',
              'role',
              'id',
              'htmlFor',
              'name',
              'autoComplete',
              'inputMode',
              'href',
              'rel',
              'target',
              'key',
              'data-.*',
              'aria-(hidden|live|pressed|controls|describedby|labelledby|haspopup|expanded|current|keyshortcuts|sort|autocomplete|busy|atomic|relevant|modal)',
              'method',
              'accept',
              'pattern',
              'lang',
              'dateTime',
              'describedBy',
              'tabIndex',
              'variant',
              'tone',
              'size',
              'kind',
            ],
          },
          callees: {
            exclude: [
              'i18n(ext)?',
              't',
              'require',
              'addEventListener',
              'removeEventListener',
              'setAttribute',
              'getAttribute',
              'toggleAttribute',
              'setProperty',
              'querySelector(All)?',
              'closest',
              'createElement(NS)?',
              'matchAll',
              'replace',
              'split',
              'test',
              'startsWith',
              'endsWith',
              'includes',
              'Error',
              'ApiError',
              'localStorage.(get|set|remove)Item',
              'sessionStorage.(get|set|remove)Item',
              'navigate',
              'backTo',
              'emit',
              'on',
              'off',
              'io',
              'api.*',
              'request',
              'fetch',
              'URLSearchParams',
              'append',
              'set',
              'get',
              'has',
              'invalidateQueries',
              'setQueryData',
              'getQueryData',
              'matchMedia',
            ],
          },
          'object-properties': {
            exclude: [
              '[A-Z_-]+',
              'class',
              'className',
              'type',
              'role',
              'name',
              'id',
              'key',
              'kind',
              'status',
              'priority',
              'queue',
              'method',
              'headers',
              'credentials',
              'transports',
              'content-type',
              'Content-Type',
              'queryKey',
              'href',
              'path',
              'url',
              'timeZone',
              'weekday',
              'hour',
              'minute',
              'month',
              'day',
              'year',
              'second',
              'data-.*',
            ],
          },
        },
      ],
    },
  },
  {
    // Tests may use the looser shapes test doubles need.
    files: [
      '**/__tests__/**',
      '**/__fixtures_tests__/**',
      '**/__faults__/**',
      '**/*.spec.ts',
      '**/*.spec.tsx',
      '**/*.e2e.ts',
      '**/test-support/**',
      '**/e2e/**',
      '**/vite.config.ts',
    ],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { project: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Browser tests drive the built app and share the API's test harness (database, mail servers).
    files: ['apps/*/e2e/**'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // Benchmarks run some of their code inside the browser page they drive.
    files: ['bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
