import { createFinding, type Finding } from '@apiaudit/domain';
import { posix } from 'node:path';
import type { SourceLocation } from '@apiaudit/openapi';
import type { Change, ChangeLevel } from './change';
import { diffCheckMetas } from './diff-checks';

const metas = new Map(diffCheckMetas.map((m) => [m.id, m]));
const ORDER: ChangeLevel[] = ['breaking', 'potentially-breaking', 'non-breaking', 'info'];

/**
 * Contract-evolution findings for the audit: breaking high, potentially breaking medium, the rest info. `folders`
 * names where each version's files are, so evidence opens from where the audit ran.
 */
export function changesToFindings(changes: Change[], folders: { base?: string; revision?: string } = {}): Finding[] {
  const place = (l: SourceLocation, folder?: string) => ({ kind: 'spec' as const, file: folder ? posix.join(folder, l.file) : l.file, line: l.line, column: l.column, pointer: l.pointer });
  return changes.map((change) =>
    createFinding(metas.get(change.checkId)!, {
      message: change.message,
      endpoint: change.operation,
      evidence: change.revision ? [place(change.revision, folders.revision)] : change.base ? [place(change.base, folders.base)] : [],
      key: change.message,
    }),
  );
}

function groupKey(change: Change): string {
  return change.operation ? `${change.operation.method} ${change.operation.path}` : 'Whole API';
}

/** Changes grouped by operation, most severe first. */
export function groupChanges(changes: Change[]): Array<{ operation: string; changes: Change[] }> {
  const groups = new Map<string, Change[]>();
  for (const change of [...changes].sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level))) {
    groups.set(groupKey(change), [...(groups.get(groupKey(change)) ?? []), change]);
  }
  return [...groups.entries()].map(([operation, list]) => ({ operation, changes: list }));
}

export function renderChangelogMarkdown(changes: Change[]): string {
  if (changes.length === 0) return '# API changelog\n\nNo changes.\n';
  const count = (level: ChangeLevel) => changes.filter((c) => c.level === level).length;
  const lines = ['# API changelog', '', `${count('breaking')} breaking, ${count('potentially-breaking')} potentially breaking, ${count('non-breaking') + count('info')} compatible.`, ''];
  for (const group of groupChanges(changes)) {
    lines.push(`## ${group.operation}`, '');
    for (const c of group.changes) {
      const at = c.revision ?? c.base;
      lines.push(`- **${c.level}** \`${c.checkId}\`: ${c.message}${at ? ` (${at.file}:${at.line})` : ''}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
