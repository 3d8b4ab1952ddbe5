// ESLint for rt-advisor's own code (`npm run lint`, part of `npm test`): the recommended rules of ESLint
// and typescript-eslint, with the type checker for the TypeScript. Formatting is Prettier's
// (.prettierrc.json), not ESLint's. fixtures/ is input for the scanner, not our code.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'fixtures/', 'bench/.work/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  {
    rules: {
      // matching control characters is deliberate where it happens: the URL shapes' hole markers, ANSI colour codes
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts', 'vitest.e2e.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (a destructured field left out, a reporter's unused options)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // tests read reports back with JSON.parse (typed `any`) and check them with expect(), which is their type check
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // stand-ins implement async interfaces (a store, a peer connection) with synchronous bodies
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
