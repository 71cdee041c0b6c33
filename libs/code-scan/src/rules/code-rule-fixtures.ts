import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RuleFixtures } from '@apiaudit/domain';

// Each rule's fixtures are source trees beside it: __fixtures__/rules/<id>/bad (the positive one, lines marked
// `expect-finding`) and good (the negative one). They are read from the source checkout, never bundled.
const FIXTURES = resolve(__dirname, '../__fixtures__/rules');

/** The folders of a code rule's positive and negative fixture; undefined where they are not on disk. */
export function codeRuleFixtureDirs(ruleId: string): RuleFixtures<string> | undefined {
  const positive = resolve(FIXTURES, ruleId, 'bad');
  const negative = resolve(FIXTURES, ruleId, 'good');
  return existsSync(positive) && existsSync(negative) ? { positive, negative } : undefined;
}
