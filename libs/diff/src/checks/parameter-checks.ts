import type { JsonObject, OperationView, ParameterView } from '@apiaudit/openapi';
import type { CheckDefinition } from '../change';
import { numberOf } from './json-values';
import type { DiffContext } from '../check-definition';

export const PARAMETER_CHECKS = {
  'request-parameter-added-required': { level: 'breaking', title: 'Required parameter added', message: '{op} now requires {in} parameter {name}; existing calls lack it.' },
  'request-parameter-added-optional': { level: 'non-breaking', title: 'Optional parameter added', message: '{op} accepts a new optional {in} parameter {name}.' },
  'request-parameter-removed': { level: 'potentially-breaking', title: 'Parameter removed', message: '{op} no longer accepts {in} parameter {name}; clients sending it may be rejected or ignored.' },
  'request-parameter-became-required': { level: 'breaking', title: 'Parameter became required', message: '{op}: {in} parameter {name} is now required.' },
  'request-parameter-became-optional': { level: 'non-breaking', title: 'Parameter became optional', message: '{op}: {in} parameter {name} is now optional.' },
  'request-parameter-moved': { level: 'breaking', title: 'Parameter moved', message: '{op}: parameter {name} moved from {from} to {to}.' },
  'request-parameter-deprecated': { level: 'info', title: 'Parameter deprecated', message: '{op}: {in} parameter {name} is now deprecated.' },
  'request-parameter-type-changed': { level: 'breaking', title: 'Parameter type changed', message: '{op}: {in} parameter {name} changed type from {from} to {to}.' },
  'request-parameter-type-widened': { level: 'non-breaking', title: 'Parameter type widened', message: '{op}: {in} parameter {name} now accepts {to} values, not only {from}.' },
  'request-parameter-enum-added': { level: 'breaking', title: 'Parameter restricted to an enum', message: '{op}: {in} parameter {name} now accepts only {to}.' },
  'request-parameter-enum-value-removed': { level: 'breaking', title: 'Parameter enum value removed', message: '{op}: {in} parameter {name} no longer accepts {value}.' },
  'request-parameter-enum-value-added': { level: 'non-breaking', title: 'Parameter enum value added', message: '{op}: {in} parameter {name} also accepts {value}.' },
  'request-parameter-max-decreased': { level: 'breaking', title: 'Parameter maximum lowered', message: '{op}: {in} parameter {name} maximum lowered from {from} to {to}.' },
  'request-parameter-max-increased': { level: 'non-breaking', title: 'Parameter maximum raised', message: '{op}: {in} parameter {name} maximum raised from {from} to {to}.' },
  'request-parameter-min-increased': { level: 'breaking', title: 'Parameter minimum raised', message: '{op}: {in} parameter {name} minimum raised from {from} to {to}.' },
  'request-parameter-min-decreased': { level: 'non-breaking', title: 'Parameter minimum lowered', message: '{op}: {in} parameter {name} minimum lowered from {from} to {to}.' },
  'request-parameter-max-length-decreased': { level: 'breaking', title: 'Parameter maxLength lowered', message: '{op}: {in} parameter {name} maxLength lowered from {from} to {to}.' },
  'request-parameter-min-length-increased': { level: 'breaking', title: 'Parameter minLength raised', message: '{op}: {in} parameter {name} minLength raised from {from} to {to}.' },
  'request-parameter-max-items-decreased': { level: 'breaking', title: 'Parameter maxItems lowered', message: '{op}: {in} parameter {name} takes at most {to} values instead of {from}.' },
  'request-parameter-min-items-increased': { level: 'breaking', title: 'Parameter minItems raised', message: '{op}: {in} parameter {name} needs at least {to} values instead of {from}.' },
  'request-parameter-pattern-changed': { level: 'potentially-breaking', title: 'Parameter pattern changed', message: '{op}: {in} parameter {name} pattern changed from {from} to {to}.' },
  'request-parameter-format-changed': { level: 'potentially-breaking', title: 'Parameter format changed', message: '{op}: {in} parameter {name} format changed from {from} to {to}.' },
  'request-parameter-default-changed': { level: 'potentially-breaking', title: 'Parameter default changed', message: '{op}: {in} parameter {name} now defaults to {to} instead of {from}; clients that omit it get other behaviour.' },
  'request-parameter-items-type-changed': { level: 'breaking', title: 'Parameter item type changed', message: '{op}: items of {in} parameter {name} changed type from {from} to {to}.' },
  'request-parameter-style-changed': { level: 'breaking', title: 'Parameter serialisation style changed', message: '{op}: {in} parameter {name} is serialised as {to} instead of {from}.' },
  'request-parameter-explode-changed': { level: 'breaking', title: 'Parameter explode changed', message: '{op}: {in} parameter {name} explode changed from {from} to {to}; arrays and objects are sent differently.' },
  'request-parameter-empty-value-disallowed': { level: 'breaking', title: 'Empty parameter value no longer allowed', message: '{op}: {in} parameter {name} no longer accepts an empty value.' },
} satisfies Record<string, CheckDefinition>;

type Ctx = DiffContext<keyof typeof PARAMETER_CHECKS>;

const DEFAULT_STYLE: Record<string, string> = { query: 'form', cookie: 'form', path: 'simple', header: 'simple', formData: 'form' };

function schemaType(schema: JsonObject | undefined): string | undefined {
  const t = schema?.type;
  return typeof t === 'string' ? t : undefined;
}

const shown = (v: number | undefined) => (v === undefined ? 'none' : v);

// OAS 2 parameters carry their type inline; their arrays default to comma-separated values.
const collectionFormatOf = (p: ParameterView): string | undefined =>
  typeof p.value.collectionFormat === 'string' ? p.value.collectionFormat : typeof p.value.type === 'string' && p.value.schema === undefined ? 'csv' : undefined;

/** OAS 2 collectionFormat and OAS 3 style say the same thing: how several values travel in one parameter. */
function styleOf(p: ParameterView): string {
  const format = collectionFormatOf(p);
  if (format) return ({ csv: p.in === 'path' || p.in === 'header' ? 'simple' : 'form', ssv: 'spaceDelimited', pipes: 'pipeDelimited', multi: 'form' } as Record<string, string>)[format] ?? format;
  return typeof p.value.style === 'string' ? p.value.style : (DEFAULT_STYLE[p.in] ?? 'form');
}

function explodeOf(p: ParameterView): boolean {
  if (typeof p.value.explode === 'boolean') return p.value.explode;
  const format = collectionFormatOf(p);
  if (format) return format === 'multi';
  return styleOf(p) === 'form';
}

export function diffParameters(ctx: Ctx, before: OperationView, after: OperationView): void {
  const key = (p: ParameterView) => `${p.in}:${p.name.toLowerCase()}`;
  const byKey = (list: ParameterView[]) => new Map(list.filter((p) => p.in !== 'path').map((p) => [key(p), p]));
  const b = byKey(before.parameters);
  const a = byKey(after.parameters);
  const byName = (list: ParameterView[], name: string) => list.find((p) => p.in !== 'path' && p.name.toLowerCase() === name.toLowerCase());
  for (const [k, p] of a) {
    if (b.has(k)) continue;
    const moved = byName(before.parameters, p.name);
    if (moved && !a.has(key(moved))) {
      ctx.add('request-parameter-moved', after, { name: p.name, from: moved.in, to: p.in }, { base: moved.at, revision: p.at });
      continue;
    }
    ctx.add(p.required ? 'request-parameter-added-required' : 'request-parameter-added-optional', after, { in: p.in, name: p.name }, { revision: p.at });
  }
  for (const [k, p] of b) {
    const next = a.get(k);
    if (next) compareParameter(ctx, after, p, next);
    else if (!byName(after.parameters, p.name)) ctx.add('request-parameter-removed', after, { in: p.in, name: p.name }, { base: p.at });
  }
  // Path parameters match by position: a rename keeps the URL and is reported by the operation checks.
  const afterPath = after.parameters.filter((p) => p.in === 'path');
  before.parameters
    .filter((p) => p.in === 'path')
    .forEach((p, i) => {
      const next = afterPath.find((q) => q.name === p.name) ?? afterPath[i];
      if (next) compareParameter(ctx, after, p, next);
    });
}

function compareParameter(ctx: Ctx, op: OperationView, p: ParameterView, next: ParameterView): void {
  const at = { base: p.at, revision: next.at };
  const add = (checkId: keyof typeof PARAMETER_CHECKS, values: Record<string, string | number> = {}) => ctx.add(checkId, op, { in: p.in, name: p.name, ...values }, at);
  if (!p.required && next.required) add('request-parameter-became-required');
  if (p.required && !next.required && p.in !== 'path') add('request-parameter-became-optional');
  if (!p.deprecated && next.deprecated) add('request-parameter-deprecated');
  if (p.value.allowEmptyValue === true && next.value.allowEmptyValue !== true) add('request-parameter-empty-value-disallowed');
  if (styleOf(p) !== styleOf(next)) add('request-parameter-style-changed', { from: styleOf(p), to: styleOf(next) });
  else if (explodeOf(p) !== explodeOf(next) && (schemaType(p.schema?.value) === 'array' || schemaType(p.schema?.value) === 'object')) {
    add('request-parameter-explode-changed', { from: String(explodeOf(p)), to: String(explodeOf(next)) });
  }

  const s1 = p.schema?.value;
  const s2 = next.schema?.value;
  const t1 = schemaType(s1);
  const t2 = schemaType(s2);
  if (t1 && t2 && t1 !== t2) {
    add(t1 === 'integer' && t2 === 'number' ? 'request-parameter-type-widened' : 'request-parameter-type-changed', { from: t1, to: t2 });
    return;
  }
  if (t1 === 'array' && t2 === 'array') {
    const i1 = schemaType(ctx.base.doc.deref<JsonObject>(s1?.items, p.schema!.at)?.value);
    const i2 = schemaType(ctx.revision.doc.deref<JsonObject>(s2?.items, next.schema!.at)?.value);
    if (i1 && i2 && i1 !== i2 && !(i1 === 'integer' && i2 === 'number')) add('request-parameter-items-type-changed', { from: i1, to: i2 });
  }

  const e1 = s1?.enum;
  const e2 = s2?.enum;
  if (Array.isArray(e2) && !Array.isArray(e1)) add('request-parameter-enum-added', { to: e2.map((v) => JSON.stringify(v)).join(', ') });
  if (Array.isArray(e1) && Array.isArray(e2)) {
    const before = new Set(e1.map((v) => JSON.stringify(v)));
    const after = new Set(e2.map((v) => JSON.stringify(v)));
    for (const v of before) if (!after.has(v)) add('request-parameter-enum-value-removed', { value: v });
    for (const v of after) if (!before.has(v)) add('request-parameter-enum-value-added', { value: v });
  }

  const [min1, min2, max1, max2] = [numberOf(s1?.minimum), numberOf(s2?.minimum), numberOf(s1?.maximum), numberOf(s2?.maximum)];
  if (min2 !== undefined && (min1 === undefined || min2 > min1)) add('request-parameter-min-increased', { from: shown(min1), to: min2 });
  else if (min1 !== undefined && (min2 === undefined || min2 < min1)) add('request-parameter-min-decreased', { from: min1, to: shown(min2) });
  if (max2 !== undefined && (max1 === undefined || max2 < max1)) add('request-parameter-max-decreased', { from: shown(max1), to: max2 });
  else if (max1 !== undefined && (max2 === undefined || max2 > max1)) add('request-parameter-max-increased', { from: max1, to: shown(max2) });
  const [maxLen1, maxLen2, minLen1, minLen2] = [numberOf(s1?.maxLength), numberOf(s2?.maxLength), numberOf(s1?.minLength), numberOf(s2?.minLength)];
  if (maxLen2 !== undefined && (maxLen1 === undefined || maxLen2 < maxLen1)) add('request-parameter-max-length-decreased', { from: shown(maxLen1), to: maxLen2 });
  if (minLen2 !== undefined && minLen2 > (minLen1 ?? 0)) add('request-parameter-min-length-increased', { from: minLen1 ?? 0, to: minLen2 });
  const [maxItems1, maxItems2, minItems1, minItems2] = [numberOf(s1?.maxItems), numberOf(s2?.maxItems), numberOf(s1?.minItems), numberOf(s2?.minItems)];
  if (maxItems2 !== undefined && (maxItems1 === undefined || maxItems2 < maxItems1)) add('request-parameter-max-items-decreased', { from: shown(maxItems1), to: maxItems2 });
  if (minItems2 !== undefined && minItems2 > (minItems1 ?? 0)) add('request-parameter-min-items-increased', { from: minItems1 ?? 0, to: minItems2 });

  if (typeof s2?.pattern === 'string' && s2.pattern !== s1?.pattern) add('request-parameter-pattern-changed', { from: String(s1?.pattern ?? 'none'), to: s2.pattern });
  if (typeof s1?.format === 'string' && typeof s2?.format === 'string' && s1.format !== s2.format) add('request-parameter-format-changed', { from: s1.format, to: s2.format });
  if (s1?.default !== undefined && s2?.default !== undefined && JSON.stringify(s1.default) !== JSON.stringify(s2.default)) {
    add('request-parameter-default-changed', { from: JSON.stringify(s1.default), to: JSON.stringify(s2.default) });
  }
}
