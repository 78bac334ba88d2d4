import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries: which server folder may import which (docs/ARCHITECTURE.md "Import
 * boundaries" is the same table in prose). A folder not listed under a key may not be
 * imported from it; `app.ts` and `index.ts` are wiring and may import anything. Every folder
 * may import `@shared`, `keys.ts`, `logger.ts` and its own files.
 */
const SERVER_FOLDERS = [
  'analytics',
  'archive',
  'audit',
  'auth',
  'cli',
  'embedded',
  'http',
  'presenters',
  'projection',
  'realtime',
  'regions',
  'reports',
  'simulator',
  'stream',
  'writes',
];
const ALLOWED_IMPORTS = {
  analytics: [],
  // The demo history reuses the simulator's traffic model; the audit archiver reads the audit stream.
  archive: ['audit', 'regions', 'simulator', 'stream'],
  audit: ['stream'],
  auth: ['audit', 'stream'],
  cli: ['audit', 'auth', 'regions', 'stream'],
  embedded: ['stream'],
  http: [
    'analytics',
    'archive',
    'audit',
    'auth',
    'presenters',
    'projection',
    'regions',
    'reports',
    'services',
    'stream',
    'writes',
  ],
  presenters: [],
  projection: ['presenters', 'regions', 'stream'],
  // Never `stream/`: the stream and realtime sides meet only in app.ts (design.md "Layers do not know each other").
  realtime: ['auth', 'presenters'],
  regions: [],
  // Reports read the archive's database and audit what they read.
  reports: ['archive', 'audit', 'auth'],
  simulator: ['stream'],
  stream: ['regions'],
  // `archive`: a write on an appeal only the archive holds restores it first; `services`: the directory.
  writes: ['archive', 'audit', 'auth', 'projection', 'regions', 'services', 'stream'],
};
/** Packages a layer must not reach for: the write core stays free of HTTP, shared of every runtime. */
const FORBIDDEN_PACKAGES = {
  writes: ['express'],
  projection: ['express', 'socket.io'],
  stream: ['express', 'socket.io'],
  presenters: ['express', 'socket.io'],
};

function boundaryRule(message, patterns) {
  return { 'no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, message })) }] };
}

const importBoundaries = [
  ...Object.entries(ALLOWED_IMPORTS).map(([folder, allowed]) => {
    const forbidden = SERVER_FOLDERS.filter((f) => f !== folder && !allowed.includes(f));
    return {
      files: [`server/src/${folder}/**/*.ts`],
      rules: boundaryRule(
        `server/src/${folder}/ may import only ${allowed.join(', ') || 'no other server folder'} (ARCHITECTURE.md, import boundaries).`,
        [
          { regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)` },
          ...(FORBIDDEN_PACKAGES[folder] ?? []).map((name) => ({ group: [name, `${name}/*`] })),
          { group: ['**/client/**'] },
        ],
      ),
    };
  }),
  {
    files: ['shared/src/**/*.{ts,tsx}'],
    rules: boundaryRule(
      'shared/ is imported by server and client; it imports neither, nor a runtime (ARCHITECTURE.md).',
      [{ group: ['**/server/**', '**/client/**', 'express', 'socket.io', 'redis', 'react', 'react-dom', 'pg'] }],
    ),
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    rules: boundaryRule('The client reaches the server only over HTTP and sockets; shared types come from @shared.', [
      { group: ['**/server/**', 'express', 'redis', 'pg'] },
    ]),
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'var/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (style.md).' },
        { selector: 'TSEnumDeclaration', message: 'Use `as const` objects instead of enum (style.md).' },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...importBoundaries,
  {
    // Files stay small enough to read whole (style.md: ≤ ~300 lines). Blank lines and comments
    // are not counted: a why-comment should never be what pushes a file to be split.
    files: ['server/**/*.ts', 'shared/**/*.{ts,tsx}', 'client/**/*.{ts,tsx}', 'bench/**/*.ts'],
    ignores: ['client/src/i18n/*.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  {
    // TEMPORARY: helper "law" is adding the legal clock to the reducer in parallel and keeps it
    // under 300 lines itself; the lead removes this override after the merge.
    files: ['shared/src/projection/applyEvent.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    // TEMPORARY, NOT DONE: still over 300 counted lines, their split by responsibility did not
    // fit in the storage-floor change (floor's report lists them); remove each as it is split.
    files: [
      'client/src/features/agent/AppealForm.tsx',
      'client/src/features/map/markerIndex.ts',
      'client/src/features/map/markerView.ts',
      'bench/browser.ts',
      'bench/mapBrowser.ts',
    ],
    rules: { 'max-lines': 'off' },
  },
  {
    files: ['vite.config.ts', 'eslint.config.js', 'test/e2e/globalSetup.ts', 'test/support/redisGlobalSetup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
