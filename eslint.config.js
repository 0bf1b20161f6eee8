// ESLint: typescript-eslint's recommended type-aware rules over all TypeScript (engine, shell,
// renderer, tests, scripts), with eslint-config-prettier last so that formatting is Prettier's
// alone. Run by `npm run lint` inside `npm test`.
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'coverage/', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // Each file is checked with the nearest tsconfig.json (root, renderer/, main/electron/, tests/renderer/).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts', 'tests/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  prettier,
);
