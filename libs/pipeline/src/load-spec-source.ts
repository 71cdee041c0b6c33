import { specFolderLabel } from '@apiaudit/rules';
import { loadSpec, loadSpecFromFiles, type SpecDocument } from '@apiaudit/openapi';
import type { SpecSource } from './audit-inputs';

export async function loadSpecSource(source: SpecSource): Promise<SpecDocument> {
  return source.kind === 'path' ? loadSpec(source.path) : loadSpecFromFiles(source.files, source.entry);
}

/** Prefix for a spec's evidence paths: the folder the user named it by (uploads keep their own names). */
export function evidencePrefix(source: SpecSource): string {
  return source.kind === 'path' && source.label ? specFolderLabel(source.path, source.label) : '';
}
