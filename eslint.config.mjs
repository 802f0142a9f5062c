// npm run lint: typescript-eslint's recommended rules, and no import cycles between files.
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  // Page scripts are templates for the browser ({{...}} placeholders), not modules of the bot.
  { ignores: ['dist/', 'node_modules/', 'reports/', 'coverage/', 'resources/web/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      'import-x/no-cycle': 'error',
      // A leading underscore marks a value left out on purpose ({ secret: _secret, ...rest }).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The core stays free of the Bot Framework, so it can be tested alone and moved to another SDK.
    files: [
      'src/search/**',
      'src/knowledge/**',
      'src/faq/**',
      'src/flows/**',
      'src/render/**',
      'src/lib/**',
      'src/eval/**',
      'src/directline/**',
      'src/web/**',
      'src/admin/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['botbuilder*', 'botframework-*'], message: 'the core does not depend on the Bot Framework' }] },
      ],
    },
  },
  {
    // Tests read JSON replies of any shape and load browser polyfills with require().
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
