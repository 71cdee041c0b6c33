/** How a measured value is judged against a target. */
export type TargetComparator = '<' | '<=' | '==' | '>=' | '>';

/**
 * The measurement that proves a fix worked. Declared once per rule in its metadata; a plan item carries it
 * with the audit's current value, and a re-audit checks it against the new audit's data. It is the contract
 * between the plan and the re-audit.
 *
 * `metric` names a figure the audit measures: `findings.count` (findings of the rule, per endpoint when the
 * item has endpoints), or a key of `Finding.metrics` such as `db.queriesPerRequest` or `meanMs` (trace detectors name
 * the exact key their findings carry; the catalog test checks it).
 */
export interface ValidationTarget {
  metric: string;
  comparator: TargetComparator;
  value: number;
  unit?: string;
}

/** A target as a plan item holds it: the declared target and the value the audit measured. */
export interface PlanTarget extends ValidationTarget {
  current: number | null;
}

export function isTargetMet(target: Pick<ValidationTarget, 'comparator' | 'value'>, measured: number): boolean {
  switch (target.comparator) {
    case '<':
      return measured < target.value;
    case '<=':
      return measured <= target.value;
    case '==':
      return measured === target.value;
    case '>=':
      return measured >= target.value;
    case '>':
      return measured > target.value;
  }
}
