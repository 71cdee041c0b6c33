import { SEVERITIES, type AuditResult, type Finding } from '@apiaudit/domain';

/** Rows of a plain-text table, columns padded to the widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function where(finding: Finding): string {
  const evidence = finding.evidence[0];
  if (!evidence) return '';
  if (evidence.kind === 'trace') return `trace ${evidence.traceId?.slice(0, 16) ?? ''}`;
  return evidence.line ? `${evidence.file}:${evidence.line}${evidence.column ? `:${evidence.column}` : ''}` : (evidence.file ?? '');
}

/** The summary `apiaudit audit` prints: counts per severity, then the most severe findings. */
export function formatAuditSummary(result: AuditResult, shown = 15): string {
  const counts = SEVERITIES.slice()
    .reverse()
    .map((s) => `${s} ${result.scores.counts[s] ?? 0}`)
    .join(', ');
  const top = result.findings.slice(0, shown).map((f) => [
    f.severity,
    f.ruleId,
    f.endpoint ? `${f.endpoint.method} ${f.endpoint.path}` : (f.service ?? '-'),
    where(f),
  ]);
  const more = result.findings.length > shown ? `\n… and ${result.findings.length - shown} more in findings.json` : '';
  return [
    `score ${result.scores.overall}/100 · ${result.findings.length} findings (${counts}) · ${result.inventory.length} endpoints`,
    '',
    formatTable(['severity', 'rule', 'endpoint', 'where'], top) + more,
  ].join('\n');
}
