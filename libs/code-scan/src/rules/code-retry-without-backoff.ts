import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import { loopBodies } from '../code-text';
import { lineAt, type SourceFile } from '../source-files';

export const meta: RuleMeta = {
  id: 'code-retry-without-backoff',
  title: 'Retry loop without backoff',
  category: 'resilience',
  source: 'code',
  severity: 'medium',
  rationale:
    'Retrying at once, in a tight loop, multiplies load on a dependency exactly when it is struggling: a brief error ' +
    'spike turns into a retry storm. Backoff with jitter spreads retries out and lets the dependency recover.',
  fix: 'Wait between attempts with exponential backoff and jitter, cap the attempts, and retry only idempotent calls.',
};

const REMOTE_CALL = /\b(fetch|axios\.\w+|request|got|http\.request)\s*\(/;
const WAIT = /setTimeout|sleep|delay|backoff|wait\(|retryDelay/i;

export function check(files: SourceFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    for (const loop of loopBodies(file.text)) {
      const header = file.text.slice(loop.start, loop.start + 80);
      const isRetry = /attempt|retr|tries/i.test(header) || /\bbreak\b/.test(loop.body);
      if (!isRetry || !REMOTE_CALL.test(loop.body) || WAIT.test(loop.body)) continue;
      const line = lineAt(file.text, loop.start);
      findings.push(
        createFinding(meta, {
          message: `The loop at ${file.path}:${line} retries a remote call without waiting between attempts.`,
          evidence: [{ kind: 'code', file: file.path, line, note: header.split('\n')[0] }],
          key: `${line}`,
        }),
      );
    }
  }
  return findings;
}
