import { PLAN_EDIT_FIELDS, type Plan, type PlanEditField, type PlanEdits, type PlanItem, type PlanItemChange, type PlanItemEdit } from '@apiaudit/domain';

/**
 * The plan as a consultant edited it: titles, notes, horizons and hidden flags laid over the generated items, and
 * items with a rank moved there while the others keep their generated order around them. Hidden items go last, so
 * the ranks a reader sees run 1, 2, 3… without gaps. Edits naming no item of this plan are ignored.
 */
export function applyPlanEdits(plan: Plan, edits: PlanEdits): Plan {
  if (Object.keys(edits).length === 0) return plan;
  const edited = plan.items.map((item): PlanItem => {
    const edit = edits[item.ruleId];
    if (!edit) return item;
    const fields = PLAN_EDIT_FIELDS.filter((f) => edit[f] !== undefined);
    return {
      ...item,
      ...(edit.horizon !== undefined ? { horizon: edit.horizon } : {}),
      ...(edit.title !== undefined ? { title: edit.title } : {}),
      ...(edit.notes !== undefined ? { notes: edit.notes } : {}),
      ...(edit.hidden !== undefined ? { hidden: edit.hidden } : {}),
      ...(fields.length ? { edited: fields } : {}),
    };
  });
  const pinned = edited
    .filter((i) => edits[i.ruleId]?.rank !== undefined)
    .sort((a, b) => edits[a.ruleId].rank! - edits[b.ruleId].rank! || (edits[b.ruleId].rankedIn ?? 0) - (edits[a.ruleId].rankedIn ?? 0) || a.rank - b.rank);
  const free = edited.filter((i) => edits[i.ruleId]?.rank === undefined).sort((a, b) => a.rank - b.rank);
  const ordered: PlanItem[] = [];
  while (pinned.length || free.length) {
    const position = ordered.length + 1;
    // A pinned item takes its place as soon as it is reached; two asking for one place: the later edit first.
    if (pinned.length && (edits[pinned[0].ruleId].rank! <= position || !free.length)) ordered.push(pinned.shift()!);
    else ordered.push(free.shift()!);
  }
  const visibleFirst = [...ordered.filter((i) => !i.hidden), ...ordered.filter((i) => i.hidden)];
  return { ...plan, items: visibleFirst.map((item, index) => ({ ...item, rank: index + 1 })) };
}

/**
 * The edits of the next version: `changes` laid over `current`, a null field going back to the generated value.
 * `version` is the version being made (it orders rank edits that ask for the same place).
 */
export function mergePlanEdits(current: PlanEdits, changes: PlanItemChange[], version: number): PlanEdits {
  const next: PlanEdits = Object.fromEntries(Object.entries(current).map(([ruleId, edit]) => [ruleId, { ...edit }]));
  for (const change of changes) {
    const edit: PlanItemEdit = next[change.ruleId] ?? {};
    for (const field of PLAN_EDIT_FIELDS) {
      const value = change[field];
      if (value === undefined) continue;
      if (value === null) {
        delete edit[field];
        if (field === 'rank') delete edit.rankedIn;
      } else {
        (edit as Record<PlanEditField, unknown>)[field] = value;
        if (field === 'rank') edit.rankedIn = version;
      }
    }
    if (PLAN_EDIT_FIELDS.some((f) => edit[f] !== undefined)) next[change.ruleId] = edit;
    else delete next[change.ruleId];
  }
  return next;
}

/**
 * A consultant's edits of the previous audit's plan, moved onto the next audit's plan: an edited item whose
 * findings (by fingerprint) are still reported hands its edit to the item that reports them now. Items whose
 * findings are all gone take nothing: their edit dies with the fixed problem.
 */
export function carryPlanEdits(previous: { items: PlanItem[]; edits: PlanEdits }, next: Plan): PlanEdits {
  const itemOf = new Map<string, PlanItem>();
  for (const item of next.items) for (const fingerprint of item.fingerprints) if (!itemOf.has(fingerprint)) itemOf.set(fingerprint, item);
  const carried: PlanEdits = {};
  for (const item of previous.items) {
    const edit = previous.edits[item.ruleId];
    if (!edit) continue;
    const target = next.items.find((i) => i.ruleId === item.ruleId && i.fingerprints.some((f) => item.fingerprints.includes(f))) ?? item.fingerprints.map((f) => itemOf.get(f)).find(Boolean);
    if (!target || carried[target.ruleId]) continue;
    carried[target.ruleId] = { ...edit, ...(edit.rank !== undefined ? { rank: Math.min(edit.rank, next.items.length) } : {}) };
  }
  return carried;
}
