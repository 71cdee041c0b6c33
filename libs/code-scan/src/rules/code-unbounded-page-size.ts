import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import { lineAt, type SourceFile } from '../source-files';

export const meta: RuleMeta = {
  id: 'code-unbounded-page-size',
  title: 'List handler defaults to a huge page or none',
  category: 'performance',
  source: 'code',
  severity: 'medium',
  rationale:
    'A list handler whose default page size is in the thousands (or that takes the client\'s limit unchecked) returns ' +
    'whole tables: memory, latency and egress grow with the data (OWASP API4:2023).',
  fix: 'Default to a small page (20-100), clamp client-supplied limits to a maximum, and page with cursors.',
  owasp: 'API4:2023',
};

const DEFAULT_LIMIT = /\b(limit|pageSize|page_size|perPage|per_page|take|top)\b[^;\n]*?(\?\?|\|\|)\s*(\d{4,})/g;

export function check(files: SourceFile[]): Finding[] {
  return files.flatMap((file) =>
    [...file.text.matchAll(DEFAULT_LIMIT)].map((m) => {
      const line = lineAt(file.text, m.index ?? 0);
      return createFinding(meta, {
        message: `${file.path}:${line} defaults ${m[1]} to ${m[3]}.`,
        evidence: [{ kind: 'code', file: file.path, line, note: m[0].slice(0, 120) }],
        key: `${line}`,
      });
    }),
  );
}
