import { SEVERITIES, type AuditComparison, type AuditResult, type ComparedFinding, type Finding } from '@apiaudit/domain';

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

function comparedRow(label: string, f: ComparedFinding): string[] {
  return [label, f.severity, f.ruleId, f.endpoint ? `${f.endpoint.method} ${f.endpoint.path}` : '-'];
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

/**
 * What `apiaudit audit --baseline` prints: the same comparison the plan and the platform show, regressions first,
 * then new and fixed findings, the baseline plan's targets that are met or not measured, and score changes.
 */
export function formatComparison(c: AuditComparison, shown = 15): string {
  const met = c.validation.filter((v) => v.met === true);
  const rows = [
    ...c.regressed.map((f) => comparedRow('regressed', f)),
    ...c.new.map((f) => comparedRow('new', f)),
    ...c.resolved.map((f) => comparedRow('fixed', f)),
  ];
  const more = rows.length > shown ? `\n… and ${rows.length - shown} more in comparison.json` : '';
  const targets = c.validation
    .filter((v) => v.met !== false)
    .map((v) => [`${v.item.rank}. ${v.item.ruleId}`, v.met ? 'met' : 'not measured', v.note]);
  const categories = Object.entries(c.scores.byCategory)
    .filter(([, s]) => s.delta !== 0)
    .map(([name, s]) => `${name} ${s.before} → ${s.after} (${signed(s.delta)})`);
  return [
    `since the baseline: score ${c.scores.before} → ${c.scores.after} (${signed(c.scores.delta)}) · ${c.regressed.length} regressed, ${c.new.length} new, ${c.resolved.length} fixed, ${c.open.length} still open · targets met ${met.length} of ${c.validation.length}`,
    ...(categories.length ? [`by category: ${categories.join(', ')}`] : []),
    ...(rows.length ? ['', formatTable(['change', 'severity', 'rule', 'endpoint'], rows.slice(0, shown)) + more] : []),
    ...(targets.length ? ['', formatTable(['plan item', 'target', 'measured'], targets)] : []),
  ].join('\n');
}
