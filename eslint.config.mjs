import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      '.stack/**',
      'test-output/**',
      'src/web/vendor/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config only.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    // CommonJS files (the Jest configs) share settings the CommonJS way.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The config module is the one place that reads the environment; tests and scripts set it up.
    files: ['src/config/**', 'test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // graphql-codegen's TypedDocumentString template (documentMode: string) types its metadata as `any`.
    files: ['src/web/generated/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // type-graphql reads decorator metadata from runtime class references, so these imports must stay values.
    files: ['src/schema/**', 'src/resolvers/**'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
);
