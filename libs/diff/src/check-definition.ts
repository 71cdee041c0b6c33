import type { ChangeLevel } from './change';

/** What a check id means: its level, a title for docs, and the sentence a client developer reads. */
export interface CheckDefinition {
  level: ChangeLevel;
  title: string;
  /** Sentence template; {name} placeholders are filled from the change's details, {op} with the operation. */
  message: string;
}
