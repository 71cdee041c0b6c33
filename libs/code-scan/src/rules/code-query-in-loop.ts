import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import { loopBodies } from '../code-text';
import { lineAt, type SourceFile } from '../source-files';

export const meta: RuleMeta = {
  id: 'code-query-in-loop',
  title: 'Database query awaited inside a loop (N+1)',
  category: 'performance',
  source: 'code',
  severity: 'medium',
  rationale:
    'One query per item of a list is the N+1 pattern: latency and database load grow with the data, and each round trip ' +
    'adds network time. Traces of such endpoints show dozens of near-identical statements per request.',
  fix: 'Fetch all items in one query (WHERE id = ANY($1), a join, or a DataLoader-style batch) before the loop.',
};

const QUERY = /await\s+(?:[\w$.]+\.)?(query|execute|findOne|findById|findUnique|get)\s*\(/;

export function check(files: SourceFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    for (const loop of loopBodies(file.text)) {
      const m = QUERY.exec(loop.body);
      if (!m) continue;
      const line = lineAt(file.text, loop.start);
      findings.push(
        createFinding(meta, {
          message: `The loop at ${file.path}:${line} awaits ${m[1]}() once per iteration.`,
          evidence: [{ kind: 'code', file: file.path, line, note: m[0] }],
          key: `${line}`,
        }),
      );
    }
  }
  return findings;
}
