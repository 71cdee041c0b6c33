import type { RuleFixtures } from '@apiaudit/domain';
import { CORE_PAIRS } from './core.pairs';
import { DOCUMENT_PAIRS } from './document.pairs';
import type { Doc, Pair } from './fixtures';
import { OPERATION_PAIRS } from './operation.pairs';
import { PARAMETER_PAIRS } from './parameter.pairs';
import { REQUEST_PAIRS } from './request.pairs';
import { RESPONSE_PAIRS } from './response.pairs';
import { SECURITY_PAIRS } from './security.pairs';

/** Every base/revision pair by family; each names exactly the check ids it must produce. */
export const DIFF_PAIRS: Record<string, Pair[]> = {
  core: CORE_PAIRS,
  operations: OPERATION_PAIRS,
  parameters: PARAMETER_PAIRS,
  'request bodies': REQUEST_PAIRS,
  responses: RESPONSE_PAIRS,
  security: SECURITY_PAIRS,
  document: DOCUMENT_PAIRS,
};

/** A diff check's fixture: two versions of a description, and the name of the pair they come from. */
export interface SpecPair {
  name: string;
  base: Doc;
  revision: Doc;
}

const toSpecPair = ([name, base, revision]: Pair): SpecPair => ({ name, base, revision });

/**
 * A check's positive fixture is the pair that shows it best (the fewest other changes beside it); its negative
 * one a pair of the same family that must not produce it. Since every pair lists exactly the checks it
 * produces, each is a negative fixture of every check it does not list.
 */
export function diffCheckFixtures(checkId: string): RuleFixtures<SpecPair> | undefined {
  for (const pairs of Object.values(DIFF_PAIRS)) {
    const firing = pairs.filter(([, , , expected]) => expected.includes(checkId)).sort((a, b) => a[3].length - b[3].length);
    if (firing.length === 0) continue;
    const quiet = pairs.filter(([, , , expected]) => !expected.includes(checkId)).sort((a, b) => a[3].length - b[3].length);
    const negative = quiet[0] ?? Object.values(DIFF_PAIRS).flat().find(([, , , expected]) => !expected.includes(checkId))!;
    return { positive: toSpecPair(firing[0]), negative: toSpecPair(negative) };
  }
  return undefined;
}
