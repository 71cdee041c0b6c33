import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Analysis libraries stay pure: no framework, database, queue, browser or network client in them.
const bannedInAnalysis = ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'puppeteer', 'puppeteer-core', 'pg', '@octokit/*'];

export default [
  { ignores: ['dist/**', 'node_modules/**', 'out/**', '**/__fixtures__/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [], bannedExternalImports: bannedInAnalysis },
            {
              sourceTag: 'type:analysis',
              onlyDependOnLibsWithTags: ['type:analysis', 'type:domain'],
              bannedExternalImports: bannedInAnalysis,
            },
            { sourceTag: 'type:db', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:pdf', onlyDependOnLibsWithTags: ['type:domain', 'type:host'] },
            // Facts about the host a process runs on (processes, their temp folders): Node built-ins only.
            { sourceTag: 'type:host', onlyDependOnLibsWithTags: [], bannedExternalImports: bannedInAnalysis },
            // Clients of outside systems (GitHub through Octokit): only apps call them, analysis never does.
            { sourceTag: 'type:io', onlyDependOnLibsWithTags: ['type:domain'] },
            // The browser portal talks to the api over HTTP only: it may share the domain's types, nothing server-side
            // (Node built-ins fail its esbuild browser bundle).
            { sourceTag: 'type:portal', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: bannedInAnalysis },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:analysis', 'type:domain', 'type:db', 'type:pdf', 'type:io', 'type:host'],
            },
          ],
        },
      ],
    },
  },
];
