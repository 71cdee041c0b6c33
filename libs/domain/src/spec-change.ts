import type { EndpointRef } from './finding';

export type ChangeLevel = 'breaking' | 'potentially-breaking' | 'non-breaking' | 'info';

/** Where a changed node starts in one version of a description (1-based line and column). */
export interface ChangeLocation {
  file: string;
  pointer: string;
  line: number;
  column: number;
}

/**
 * One difference between two versions of a description, phrased for the developers of its clients. libs/diff
 * computes them; the platform stores them per spec version and audits read them back as they are.
 */
export interface SpecChange {
  checkId: string;
  level: ChangeLevel;
  operation: EndpointRef | null;
  base?: ChangeLocation;
  revision?: ChangeLocation;
  message: string;
}
