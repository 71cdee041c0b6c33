import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import type { SourceFile } from '../source-files';

export const meta: RuleMeta = {
  id: 'code-sequential-remote-calls',
  title: 'Independent remote calls awaited one after another',
  category: 'performance',
  source: 'code',
  severity: 'low',
  rationale:
    'Awaiting independent calls in sequence adds their latencies; in parallel the request takes as long as the slowest. ' +
    'Three 80 ms calls cost 240 ms in a row and 80 ms together.',
  fix: 'Start independent calls together and await them with Promise.all (or allSettled where partial results are fine).',
};

// Three or more consecutive statements that each await a remote call and do not use the previous result.
const AWAITED_CALL = /^\s*(?:const|let)\s+(\w+)\s*=\s*await\s*\(?\s*(?:await\s+)?(fetch|axios\.\w+|got|request)\s*\(([^;\n]*)/;

export function check(files: SourceFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const lines = file.text.split('\n');
    let run: Array<{ name: string; line: number; args: string }> = [];
    const flush = () => {
      if (run.length >= 3) {
        findings.push(
          createFinding(meta, {
            message: `${run.length} remote calls at ${file.path}:${run[0].line}-${run[run.length - 1].line} run one after another though none uses another's result.`,
            evidence: [{ kind: 'code', file: file.path, line: run[0].line, note: run.map((r) => r.name).join(', ') }],
            key: `${run[0].line}`,
          }),
        );
      }
      run = [];
    };
    lines.forEach((text, i) => {
      const m = AWAITED_CALL.exec(text);
      if (!m) return flush();
      const dependsOnEarlier = run.some((r) => new RegExp(`\\$\\{[^}]*\\b${r.name}\\b|[(,]\\s*${r.name}\\b|\\b${r.name}\\.`).test(m[3]));
      if (dependsOnEarlier) flush();
      run.push({ name: m[1], line: i + 1, args: m[3] });
    });
    flush();
  }
  return findings;
}

