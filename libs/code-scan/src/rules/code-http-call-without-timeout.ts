import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import { matchBracket } from '../code-text';
import { lineAt, type SourceFile } from '../source-files';

export const meta: RuleMeta = {
  id: 'code-http-call-without-timeout',
  title: 'Outbound HTTP call without a timeout',
  category: 'resilience',
  source: 'code',
  severity: 'medium',
  rationale:
    'A call with no timeout waits as long as the other side does. When a dependency hangs, requests pile up holding ' +
    'sockets, memory and worker slots until the caller falls over too: one slow service becomes an outage.',
  fix: 'Give every outbound call a deadline (fetch with `signal: AbortSignal.timeout(ms)`, axios `timeout`), shorter than your own SLO.',
};

export function check(files: SourceFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    for (const m of file.text.matchAll(/\bfetch\s*\(/g)) {
      const end = matchBracket(file.text, (m.index ?? 0) + m[0].length - 1);
      const call = file.text.slice(m.index, end);
      if (/\bsignal\b|\btimeout\b/.test(call)) continue;
      const line = lineAt(file.text, m.index ?? 0);
      findings.push(
        createFinding(meta, {
          message: `fetch() in ${file.path}:${line} has no timeout or abort signal.`,
          evidence: [{ kind: 'code', file: file.path, line, note: call.split('\n')[0].slice(0, 120) }],
          key: `${line}`,
        }),
      );
    }
    for (const m of file.text.matchAll(/\baxios\s*\.\s*(get|post|put|patch|delete|request)\s*\(/g)) {
      const end = matchBracket(file.text, (m.index ?? 0) + m[0].length - 1);
      if (/\btimeout\b/.test(file.text.slice(m.index, end)) || /axios\.defaults\.timeout|axios\.create\(\s*\{[^}]*timeout/.test(file.text)) continue;
      const line = lineAt(file.text, m.index ?? 0);
      findings.push(createFinding(meta, { message: `axios call in ${file.path}:${line} has no timeout.`, evidence: [{ kind: 'code', file: file.path, line }], key: `${line}` }));
    }
  }
  return findings;
}
