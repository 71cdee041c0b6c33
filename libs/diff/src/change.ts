import type { EndpointRef } from '@apiaudit/domain';
import type { SourceLocation } from '@apiaudit/openapi';

export type ChangeLevel = 'breaking' | 'potentially-breaking' | 'non-breaking' | 'info';

/** One difference between two versions of a description, phrased for the developers of its clients. */
export interface Change {
  checkId: string;
  level: ChangeLevel;
  operation: EndpointRef | null;
  base?: SourceLocation;
  revision?: SourceLocation;
  message: string;
}

export interface DiffOptions {
  now: Date;
  /** Deprecation window before removal is acceptable, in days. */
  minDeprecationDays?: number;
  /**
   * Compare every operation, even one whose text and everything it references are equal in both versions.
   * Slower, same result: tests use it to check the shortcut.
   */
  exhaustive?: boolean;
}

/** What a check id means: its level, a title for docs, and the sentence a client developer reads. */
export interface CheckDefinition {
  level: ChangeLevel;
  title: string;
  /** Sentence template; {name} placeholders are filled from the change's details, {op} with the operation. */
  message: string;
}
