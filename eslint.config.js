// @ts-check
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import pluginQuery from '@tanstack/eslint-plugin-query'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import featureImports from './scripts/eslint-feature-imports.js'
import typescriptDiagnostics from './scripts/eslint-typescript-diagnostics.js'

/** Import boundaries between the four source roots (house-style §4). */
const forbid = (/** @type {string[]} */ groups, /** @type {string} */ message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: groups.map((group) => ({ group: [group], message })) },
  ],
})

/**
 * Which other features each feature may import, always through that feature's index.ts (ADR 010;
 * this amends house-style §0.1, "features never import each other"). Every feature folder has a
 * row; the table must stay acyclic (the rule refuses a cycle, scripts/feature-imports.test.ts
 * checks it and the real import graph). Tests may also import any feature's index.ts or testing
 * module. The app imports feature modules directly: a barrel reached from the first load would pull
 * the lazy screens' code into it.
 */
export const FEATURE_DEPS = {
  'app-update': [],
  coupons: ['otp', 'pos-status'],
  customers: [],
  journal: [],
  kiosk: ['otp', 'scan', 'session'],
  language: [],
  otp: [],
  'pos-status': [],
  rewards: ['otp'],
  scan: [],
  session: [],
  shortcuts: [],
}

export default defineConfig(
  {
    ignores: [
      'dist',
      'dist-server',
      'reports',
      'test-results',
      'playwright-report',
      'node_modules',
      'e2e/.fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // TypeScript's own errors, from the program typed linting builds anyway: `npm test` runs no
    // separate `tsc -b` (ADR 013). `npm run typecheck` still does, for the editor-less check.
    files: ['**/*.{ts,tsx,mts,cts}'],
    plugins: { typescript: typescriptDiagnostics },
    rules: { 'typescript/diagnostics': 'error' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
  },
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['src/**'],
    rules: forbid(
      ['**/bff/**', '**/sandbox/**', 'node:*'],
      'The SPA talks only to the BFF over HTTP.',
    ),
  },
  {
    files: ['bff/**'],
    // sandbox-mode.ts starts the embedded sandbox (main.ts imports it dynamically, in sandbox
    // mode only); tests and their support code may start it too, as the real upstream stand-in.
    ignores: ['bff/sandbox-mode.ts', 'bff/**/*.test.ts', 'bff/testing/**'],
    rules: forbid(
      ['**/src/**', '**/sandbox/**'],
      'The BFF must not import the SPA or the sandbox; only bff/sandbox-mode.ts starts the sandbox.',
    ),
  },
  {
    files: ['sandbox/**'],
    rules: forbid(['**/src/**', '**/bff/**'], 'The sandbox stands alone, like the real Zupy API.'),
  },
  {
    files: ['contract/**'],
    rules: forbid(
      ['**/src/**', '**/bff/**', '**/sandbox/**', 'node:*', 'react'],
      'contract/ holds zod schemas and types only.',
    ),
  },
  {
    files: ['src/lib/**', 'src/components/**', 'src/config/**', 'src/i18n/**'],
    rules: forbid(
      ['**/features/**', '**/app/**'],
      'Shared SPA layers must not import features or the app.',
    ),
  },
  {
    files: ['src/features/**'],
    plugins: { 'feature-imports': featureImports },
    rules: { 'feature-imports/declared': ['error', { deps: FEATURE_DEPS }] },
  },
  // This file is plain JS outside every tsconfig: lint it without type information.
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
  prettier,
)
