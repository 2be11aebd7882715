// Lint rules: typescript-eslint's recommended set over every TypeScript file of the project.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'test-output/', 'coverage/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // The two directions share Attio and Partnero knowledge through shared/attio/ and shared/partnero/,
  // never through each other, and the provider folders import neither direction (issue 18).
  directionBoundary(
    'shared/partnero-to-attio/**/*.ts',
    ['attio-to-partnero'],
    'the Partnero -> Attio direction may not import the Attio -> Partnero direction; move what both need to shared/attio/ or shared/partnero/',
  ),
  directionBoundary(
    'shared/attio-to-partnero/**/*.ts',
    ['partnero-to-attio'],
    'the Attio -> Partnero direction may not import the Partnero -> Attio direction; move what both need to shared/attio/ or shared/partnero/',
  ),
  directionBoundary(
    'shared/{attio,partnero}/**/*.ts',
    ['partnero-to-attio', 'attio-to-partnero'],
    'provider knowledge may not import a sync direction',
  ),
  // The queue layer feeds the sync (shared/queue imports shared/sync), never the other way round.
  directionBoundary(
    'shared/sync/**/*.ts',
    ['queue'],
    'the sync records and rules may not import the queue layer; what both need belongs in shared/sync/',
  ),
);

/** A `no-restricted-imports` rule forbidding the files of `files` to import a folder named in `folders`. */
function directionBoundary(files, folders, message) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: folders.map((folder) => ({ regex: `(^|/)${folder}(/|$)`, message })) },
      ],
    },
  };
}
