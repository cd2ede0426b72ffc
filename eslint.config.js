// ESLint for the browser extension's JavaScript (run by `make lint`, pinned in package.json).
'use strict';
const js = require('@eslint/js');
const globals = require('globals');

module.exports = [
  js.configs.recommended,
  {
    files: ['browser_extension/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      // Classic scripts: the manifest loads them in order and they share globals.
      sourceType: 'script',
      globals: {
        ...globals.browser,
        ...globals.webextensions,
        module: 'readonly',
        // What each script sets on globalThis for the ones loaded after it (types/extension.d.ts).
        MeetscoutDetectors: 'readonly',
        MeetscoutFlagView: 'readonly',
        MeetscoutBadge: 'readonly',
        MeetscoutContent: 'readonly',
      },
    },
  },
  {
    files: ['browser_extension/service_worker.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['browser_extension/tests/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
];
