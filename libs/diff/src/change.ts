import type { ChangeLevel, SpecChange } from '@apiaudit/domain';

export type { ChangeLevel };

/** One difference between two versions of a description (the domain's SpecChange, stored as is by the platform). */
export type Change = SpecChange;

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
