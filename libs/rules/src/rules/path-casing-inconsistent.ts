import { createFinding } from '@apiaudit/domain';
import { defineRule, specEvidence } from '../spec-rule';

type Style = 'kebab' | 'snake' | 'camel';

function styleOf(segment: string): Style | undefined {
  if (segment.startsWith('{') || !/[a-z]/.test(segment)) return undefined;
  if (segment.includes('-')) return 'kebab';
  if (segment.includes('_')) return 'snake';
  if (/[a-z][A-Z]/.test(segment)) return 'camel';
  return undefined;
}

export const rule = defineRule(
  {
    id: 'path-casing-inconsistent',
    title: 'Path segments mix casing styles',
    category: 'naming',
    severity: 'low',
    rationale:
      'Mixed kebab-case, snake_case and camelCase paths make an API look assembled from parts; clients guess wrong spellings ' +
      'and every new endpoint reopens the naming debate.',
    fix: 'Pick one style for path segments (kebab-case is the most common) and use it for new paths; alias old ones when renaming.',
  },
  (model) => {
    const examples = new Map<Style, string>();
    const counts = new Map<Style, number>();
    for (const path of new Set(model.operations.map((o) => o.path))) {
      for (const segment of path.split('/')) {
        const style = styleOf(segment.replace(/\.\w+$/, ''));
        if (!style) continue;
        counts.set(style, (counts.get(style) ?? 0) + 1);
        if (!examples.has(style)) examples.set(style, path);
      }
    }
    if (counts.size < 2) return [];
    const [dominant] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const minority = [...examples.entries()].filter(([style]) => style !== dominant);
    return [
      createFinding(rule.meta, {
        message: `Paths mostly use ${dominant} case but also ${minority.map(([s, p]) => `${s} case (${p})`).join(', ')}.`,
        evidence: minority.map(([, p]) => specEvidence(model, { file: model.doc.entryFile, pointer: `/paths/${p.replace(/~/g, '~0').replace(/\//g, '~1')}` })),
        subject: 'api',
      }),
    ];
  },
);
