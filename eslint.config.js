// ESLint flat config. Besides the usual TypeScript checks it keeps the architecture's shape:
// shared/ is a pure, deterministic engine (no platform, no clock, no unseeded randomness), and the
// browser client never reaches into server code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*', 'fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net',
  'url', 'util', 'worker_threads', 'stream', 'events', 'process', 'module', 'zlib', 'readline',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'data/**', 'bin/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'phaser', message: 'shared/ is the pure engine: rendering belongs in client/.' },
          { name: 'socket.io', message: 'shared/ is the pure engine: transport belongs in server/.' },
          { name: 'socket.io-client', message: 'shared/ is the pure engine: transport belongs in client/.' },
          { name: 'better-sqlite3', message: 'shared/ is the pure engine: storage belongs in server/.' },
        ],
        patterns: [
          { group: nodeBuiltins, message: 'shared/ must run in the browser too: no Node built-ins.' },
          { group: ['**/server/**', '**/client/**'], message: 'shared/ depends on nothing outside shared/.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'No DOM in shared/.' },
        { name: 'document', message: 'No DOM in shared/.' },
        { name: 'localStorage', message: 'No DOM in shared/.' },
        { name: 'process', message: 'No Node globals in shared/.' },
        { name: 'setTimeout', message: 'The engine never schedules: time arrives as commands.' },
        { name: 'setInterval', message: 'The engine never schedules: time arrives as commands.' },
        { name: 'performance', message: 'The engine never reads a clock.' },
        { name: 'crypto', message: 'Randomness goes through the seeded RNG in engine/rng.ts.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Use the seeded RNG (engine/rng.ts), never Math.random.' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'The engine never reads a clock: game time comes with each command.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The engine never reads a clock: game time comes with each command.' },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'better-sqlite3', message: 'The client runs in the browser.' }],
        patterns: [{ group: ['**/server/**'], message: 'client/ must not import server/ code; share it through shared/.' }],
      }],
    },
  },
  {
    // The server logs through its pino logger (server/log.ts); the CLI and build tools print as programs do.
    files: ['server/**/*.ts'],
    ignores: ['server/cli/**', 'server/tools/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // Classic scripts the page loads as they are (no bundling, no modules).
    files: ['client/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'script' },
  },
);
