import type { JsonObject, JsonValue, NodeRef, SpecDocument } from '@apiaudit/openapi';
import { derefNode } from './deref-memo';
import { placeBelow, pointerOf, type Place } from './lazy-place';
import { fullFormats } from 'ajv-formats/dist/formats';
// The equality Ajv itself uses for enum, const and uniqueItems, so verdicts agree by construction.
import deepEqual from 'fast-deep-equal';

// Keywords that never make a value invalid (annotations). The keywords evaluated here are GROUP's keys, below;
// any other keyword makes the answer 'unsure', and the caller falls back to Ajv, the authority on what is invalid.
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'readOnly', 'writeOnly', 'deprecated', 'xml', 'externalDocs', 'default', 'nullable', '$comment', 'discriminator']);

type FormatCheck = RegExp | ((value: string) => boolean) | { type?: string; validate: RegExp | ((value: string | number) => boolean) };
// Ajv's own format definitions, so a format judged here is judged exactly as Ajv would.
const FORMATS = fullFormats as unknown as Record<string, FormatCheck | boolean>;

/** Whether `value` meets `format` as Ajv with ajv-formats judges it. */
function formatHolds(format: string, value: string | number): boolean {
  const check = FORMATS[format];
  if (check === undefined) return true; // unknown formats are ignored by our Ajv setup (strict: false)
  if (typeof check === 'boolean') return check; // ajv-formats marks formats it accepts unchecked (binary, password) as true
  const appliesTo = typeof check === 'object' && !(check instanceof RegExp) ? (check.type ?? 'string') : 'string';
  if (appliesTo !== typeof value) return true; // Ajv checks a format only on values of the format's type
  let verdicts = formatVerdicts.get(format);
  if (!verdicts || verdicts.size >= MAX_REMEMBERED) formatVerdicts.set(format, (verdicts = new Map()));
  let holds = verdicts.get(value);
  if (holds === undefined) {
    holds = shortcutVerdict(format, value);
    if (holds === undefined) {
      const test = check instanceof RegExp || typeof check === 'function' ? check : check.validate;
      holds = test instanceof RegExp ? test.test(String(value)) : (test as (v: string | number) => boolean)(value);
    }
    verdicts.set(value, holds);
  }
  return holds;
}

// ajv-formats' url and uri patterns are large (url's is case-insensitive Unicode): compiling one costs a cold lint
// 3-5 ms, more than checking all its examples against the rest of their schemas. Most values are plain http(s)
// URLs, which these small patterns accept only where Ajv's accept them too (each is a sublanguage of Ajv's), and a
// uri without a scheme is one Ajv rejects; only other values compile Ajv's pattern. quick-validate.spec.ts compares.
const SHORTCUTS = new Map<string, { accepts: RegExp; requires?: RegExp }>([
  ['url', { accepts: /^https?:\/\/[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*(?:\.[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*)*\.[a-zA-Z]{2,}(?::\d{2,5})?(?:\/[^\s]*)?$/ }],
  [
    'uri',
    {
      accepts: /^[a-zA-Z][a-zA-Z0-9+\-.]*:\/\/[a-zA-Z0-9\-._~!$&'()*+,;=]*(?::\d*)?(?:\/[a-zA-Z0-9\-._~!$&'()*+,;=:@]*)*(?:\?[a-zA-Z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[a-zA-Z0-9\-._~!$&'()*+,;=:@/?]*)?$/,
      requires: /^[a-zA-Z][a-zA-Z0-9+\-.]*:/,
    },
  ],
]);

/** Whether `value` meets `format`, when a shortcut can tell without Ajv's pattern; undefined when it cannot. */
function shortcutVerdict(format: string, value: string | number): boolean | undefined {
  const shortcut = SHORTCUTS.get(format);
  if (shortcut === undefined || typeof value !== 'string') return undefined;
  if (shortcut.accepts.test(value)) return true;
  if (shortcut.requires !== undefined && !shortcut.requires.test(value)) return false;
  return undefined;
}

// Format checks are pure (the one global regex, byte's, is reset before each test) and specs repeat example values (the same URL in
// a hundred examples): each format remembers its verdict per value.
// Bounded, so a long-running process linting many specs does not keep every value it has seen.
const formatVerdicts = new Map<string, Map<string | number, boolean>>();
const MAX_REMEMBERED = 10_000;

function typeMatches(type: string, value: JsonValue): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return false;
  }
}

export type QuickVerdict = { verdict: 'valid' } | { verdict: 'invalid'; instancePath: string; message: string } | { verdict: 'unsure' };

const VALID: QuickVerdict = { verdict: 'valid' };
const UNSURE: QuickVerdict = { verdict: 'unsure' };
const invalid = (instancePath: string, message: string): QuickVerdict => ({ verdict: 'invalid', instancePath, message });

/**
 * JSON Schema validation for the plain schemas most examples use, decided exactly as our Ajv setup (draft-07,
 * `$ref` siblings ignored, ajv-formats) decides it, without Ajv's code generation, which costs half a second on
 * specs with hundreds of examples. A schema with any keyword not evaluated here gives 'unsure', and the caller
 * asks Ajv; corpus-lint.spec.ts checks that every decided verdict on the corpus equals Ajv's.
 */
export function quickValidate(doc: SpecDocument, schema: JsonValue, at: NodeRef, value: JsonValue): QuickVerdict {
  return check(doc, schema, { file: at.file, pointer: at.pointer }, value, 0);
}

// Which groups of evaluated keywords a schema node has, one bit per group (NOT_PLAIN when it has a keyword not
// evaluated here). Asked once per node: schema objects come in many shapes, so reading every keyword on every
// visit was most of `check`'s time; groups a node lacks are skipped without looking.
const TYPE = 1;
const ENUM = 2;
const CONST = 4;
const STRING = 8;
const FORMAT = 16;
const NUMBER = 32;
const ARRAY = 64;
const OBJECT = 128;
const ALL_OF = 256;
const ANY_OF = 512;
const NOT = 1024;
const ONE_OF = 2048;
const NOT_PLAIN = -1;
const GROUP = new Map<string, number>([
  ['type', TYPE],
  ['enum', ENUM],
  ['const', CONST],
  ['maxLength', STRING],
  ['minLength', STRING],
  ['pattern', STRING],
  ['format', FORMAT],
  ['minimum', NUMBER],
  ['maximum', NUMBER],
  ['exclusiveMinimum', NUMBER],
  ['exclusiveMaximum', NUMBER],
  ['multipleOf', NUMBER],
  ['maxItems', ARRAY],
  ['minItems', ARRAY],
  ['uniqueItems', ARRAY],
  ['items', ARRAY],
  ['maxProperties', OBJECT],
  ['minProperties', OBJECT],
  ['required', OBJECT],
  ['properties', OBJECT],
  ['additionalProperties', OBJECT],
  ['allOf', ALL_OF],
  ['anyOf', ANY_OF],
  ['not', NOT],
  ['oneOf', ONE_OF],
]);
const keywordGroups = new WeakMap<object, number>();
function keywordBits(s: JsonObject): number {
  let bits = keywordGroups.get(s);
  if (bits === undefined) {
    bits = 0;
    const keys = Object.keys(s);
    // Indexed, not for-of: cold, each for-of step makes an iterator result object.
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const group = GROUP.get(key);
      if (group !== undefined) bits |= group;
      else if (!ANNOTATIONS.has(key) && !key.startsWith('x-')) {
        bits = NOT_PLAIN;
        break;
      }
    }
    keywordGroups.set(s, bits);
  }
  return bits;
}

function escapeName(name: string): string {
  return name.includes('~') || name.includes('/') ? name.replace(/~/g, '~0').replace(/\//g, '~1') : name;
}

/** An invalid verdict from below, placed under `segment` of the instance. */
function under(segment: string, verdict: QuickVerdict & { verdict: 'invalid' }): QuickVerdict {
  return invalid(`/${segment}${verdict.instancePath}`, verdict.message);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The length `[...text].length` gives (code points; a lone surrogate counts one), without building the array. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      count--;
      i++;
    }
  }
  return count;
}

/** multipleOf as Ajv decides it without multipleOfPrecision: the quotient must survive parseInt (so 0.3 is not a multiple of 0.1). */
function isMultipleOf(value: number, divisor: number): boolean {
  if (divisor === 0) return false;
  const quotient = value / divisor;
  return quotient === Number.parseInt(String(quotient), 10);
}

/** Verdict for `value` against `schema`; an invalid verdict's instancePath is relative to `value` (callers prefix it). */
function check(doc: SpecDocument, schema: JsonValue, where: Place, value: JsonValue, depth: number): QuickVerdict {
  if (depth > 32) return UNSURE;
  let s: JsonValue = schema;
  let here = where;
  if (typeof s === 'object' && s !== null && !Array.isArray(s) && typeof s.$ref === 'string') {
    const resolved = derefNode<JsonObject>(doc, s, where.file, () => ({ file: where.file, pointer: pointerOf(where) }));
    if (!resolved) return UNSURE;
    s = resolved.value;
    here = { file: resolved.at.file, pointer: resolved.at.pointer };
  }
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return UNSURE;
  const bits = keywordBits(s);
  if (bits === NOT_PLAIN) return UNSURE;
  const nullAllowed = value === null && s.nullable === true;
  // All checks must hold: the first invalid one decides; an unsure one leaves the answer open unless another fails.
  let unsure = false;
  let verdict: QuickVerdict;

  if (bits & TYPE && !nullAllowed) {
    const type = s.type;
    // Nearly every schema names one type: decided without an array and two callbacks per visit.
    if (typeof type === 'string') {
      if (!typeMatches(type, value)) return invalid('', `must be ${type}`);
    } else {
      const types = Array.isArray(type) ? type : [type];
      if (!types.every((t) => typeof t === 'string')) return UNSURE;
      if (!types.some((t) => typeMatches(t as string, value))) return invalid('', `must be ${types.join(',')}`);
    }
  }
  if (bits & ENUM && Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) return invalid('', 'must be equal to one of the allowed values');
  if (bits & CONST && s.const !== undefined && !deepEqual(s.const, value)) return invalid('', 'must be equal to constant');
  if (bits & STRING && typeof value === 'string') {
    if (typeof s.maxLength === 'number' || typeof s.minLength === 'number') {
      const length = codePoints(value);
      if (typeof s.maxLength === 'number' && length > s.maxLength) return invalid('', `must NOT have more than ${s.maxLength} characters`);
      if (typeof s.minLength === 'number' && length < s.minLength) return invalid('', `must NOT have fewer than ${s.minLength} characters`);
    }
    if (typeof s.pattern === 'string') {
      const pattern = compilePattern(s.pattern);
      if (!pattern) unsure = true;
      else if (!pattern.test(value)) return invalid('', `must match pattern "${s.pattern}"`);
    }
  }
  if (bits & FORMAT && (typeof value === 'string' || typeof value === 'number') && typeof s.format === 'string') {
    if (!formatHolds(s.format, value)) return invalid('', `must match format "${s.format}"`);
  }
  if (bits & NUMBER && typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return invalid('', `must be >= ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) return invalid('', `must be <= ${s.maximum}`);
    // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; Ajv's draft-07 refuses that form,
    // so these verdicts follow OpenAPI (the corpus agreement test compares only what Ajv can compile).
    if (s.exclusiveMinimum === true && typeof s.minimum === 'number' && value <= s.minimum) return invalid('', `must be > ${s.minimum}`);
    if (s.exclusiveMaximum === true && typeof s.maximum === 'number' && value >= s.maximum) return invalid('', `must be < ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return invalid('', `must be > ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) return invalid('', `must be < ${s.exclusiveMaximum}`);
    if (typeof s.multipleOf === 'number' && !isMultipleOf(value, s.multipleOf)) return invalid('', `must be multiple of ${s.multipleOf}`);
  }
  if (bits & ARRAY && Array.isArray(value)) {
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return invalid('', `must NOT have more than ${s.maxItems} items`);
    if (typeof s.minItems === 'number' && value.length < s.minItems) return invalid('', `must NOT have fewer than ${s.minItems} items`);
    if (s.uniqueItems === true) {
      if (value.some((item, i) => value.some((other, j) => j > i && deepEqual(item, other)))) return invalid('', 'must NOT have duplicate items');
    }
    if (Array.isArray(s.items)) unsure = true; // tuple form
    else if (s.items !== undefined) {
      const at = placeBelow(here, 'items');
      for (let i = 0; i < value.length; i++) {
        verdict = check(doc, s.items, at, value[i], depth + 1);
        if (verdict.verdict === 'invalid') return under(String(i), verdict);
        if (verdict.verdict === 'unsure') unsure = true;
      }
    }
  }
  if (bits & OBJECT && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const names = Object.keys(value);
    if (typeof s.maxProperties === 'number' && names.length > s.maxProperties) return invalid('', `must NOT have more than ${s.maxProperties} properties`);
    if (typeof s.minProperties === 'number' && names.length < s.minProperties) return invalid('', `must NOT have fewer than ${s.minProperties} properties`);
    if (Array.isArray(s.required)) {
      const required = s.required;
      for (let i = 0; i < required.length; i++) {
        const name = required[i];
        if (typeof name === 'string' && !(name in value)) return invalid('', `must have required property '${name}'`);
      }
    }
    const properties = (typeof s.properties === 'object' && s.properties !== null && !Array.isArray(s.properties) ? s.properties : undefined) as JsonObject | undefined;
    const additional = s.additionalProperties;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (properties !== undefined && Object.prototype.hasOwnProperty.call(properties, name)) {
        verdict = check(doc, properties[name], placeBelow(here, 'properties', name), value[name], depth + 1);
      } else if (additional === false) return invalid('', 'must NOT have additional properties');
      else if (typeof additional === 'object' && additional !== null) {
        verdict = check(doc, additional, placeBelow(here, 'additionalProperties'), value[name], depth + 1);
      } else continue;
      if (verdict.verdict === 'invalid') return under(escapeName(name), verdict);
      if (verdict.verdict === 'unsure') unsure = true;
    }
  }
  if (bits & ALL_OF && Array.isArray(s.allOf)) {
    for (let i = 0; i < s.allOf.length; i++) {
      verdict = check(doc, s.allOf[i], placeBelow(here, 'allOf', i), value, depth + 1);
      if (verdict.verdict === 'invalid') return verdict;
      if (verdict.verdict === 'unsure') unsure = true;
    }
  }
  if (bits & ANY_OF && Array.isArray(s.anyOf)) {
    const branches = s.anyOf.map((part, i) => check(doc, part, placeBelow(here, 'anyOf', i), value, depth + 1));
    if (!branches.some((b) => b.verdict === 'valid')) {
      if (branches.every((b) => b.verdict === 'invalid')) return invalid('', 'must match a schema in anyOf');
      unsure = true;
    }
  }
  if (bits & NOT && s.not !== undefined) {
    const negated = check(doc, s.not, placeBelow(here, 'not'), value, depth + 1);
    if (negated.verdict === 'valid') return invalid('', 'must NOT be valid');
    if (negated.verdict === 'unsure') unsure = true;
  }
  if (bits & ONE_OF && Array.isArray(s.oneOf)) {
    const branches = s.oneOf.map((part, i) => check(doc, part, placeBelow(here, 'oneOf', i), value, depth + 1));
    if (branches.some((b) => b.verdict === 'unsure')) unsure = true;
    else if (branches.filter((b) => b.verdict === 'valid').length !== 1) return invalid('', 'must match exactly one schema in oneOf');
  }
  return unsure ? UNSURE : VALID;
}

// Compiled `pattern` keywords (undefined: not a valid Unicode regex), bounded like formatVerdicts: a process linting
// many specs starts over rather than keep every pattern it has seen.
const patterns = new Map<string, RegExp | undefined>();
function compilePattern(source: string): RegExp | undefined {
  if (!patterns.has(source)) {
    if (patterns.size >= MAX_REMEMBERED) patterns.clear();
    try {
      patterns.set(source, new RegExp(source, 'u'));
    } catch {
      patterns.set(source, undefined);
    }
  }
  return patterns.get(source);
}

/** How many compiled patterns are kept (for the test of the bound). */
export function rememberedPatternCount(): number {
  return patterns.size;
}
