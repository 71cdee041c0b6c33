import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'tag-undefined',
    title: 'Operation tag is not declared',
    category: 'naming',
    severity: 'info',
    rationale:
      'Tags group operations in docs and SDKs. When the document declares its tags, an operation using an undeclared one ' +
      'lands in a group with no description, usually because of a typo (`order` vs `orders`).',
    fix: 'Declare the tag under top-level `tags` with a description, or correct the tag on the operation.',
  },
  (model) => {
    const declared = Array.isArray(model.doc.root.tags)
      ? new Set(model.doc.root.tags.flatMap((t) => (t && typeof t === 'object' && !Array.isArray(t) && typeof t.name === 'string' ? [t.name] : [])))
      : undefined;
    if (!declared) return [];
    return grouped(
      rule.meta,
      model,
      model.operations.flatMap((op) => op.tags.filter((t) => !declared.has(t)).map((t) => ({ op, at: { file: op.at.file, pointer: `${op.at.pointer}/tags` }, note: t }))),
      (n) => `${plural(n, 'operation tag')} ${n === 1 ? 'is' : 'are'} not declared under top-level tags.`,
    );
  },
);
