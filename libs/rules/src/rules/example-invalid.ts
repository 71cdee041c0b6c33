import type { ValidateFunction } from 'ajv';
import { createFinding, type Finding } from '@apiaudit/domain';
import type { ApiModel, JsonObject, JsonValue, MediaTypeView, NodeRef, Resolved } from '@apiaudit/openapi';
import { isJsonObject, joinPointer } from '@apiaudit/openapi';
import { refOf, type Place } from '../lazy-place';
import { createAjv } from '../load-ajv';
import { componentSchemaNodes, type SchemaVisit, walkSchema } from '../schema-walk';
import { quickValidate, type QuickVerdict } from '../quick-validate';
import { defineRule, specEvidence } from '../spec-rule';

interface Target {
  schemaAt: NodeRef;
  /** The schema the model already resolved to `schemaAt` (the node written there). */
  schema: JsonObject;
  value: JsonValue;
  at: NodeRef;
  /**
   * A Swagger 2.0 non-body parameter is its own schema next to `name`, `in` and a boolean `required`: its schema
   * keywords alone, checked as written (no `$ref` can occur in them).
   */
  standalone?: JsonObject;
}

/**
 * Ajv decides what the quick check cannot. Only schemas of the entry file are compiled: Ajv resolves their local
 * refs through the registered document. Undefined when Ajv cannot take the document.
 */
function ajvValidators(root: object): ((pointer: string) => ValidateFunction | undefined) | undefined {
  const ajv = createAjv({ strict: false, allErrors: false, validateSchema: false, logger: false, inlineRefs: false, code: { optimize: false } }, { formats: true });
  try {
    ajv.addSchema(root, 'spec');
  } catch {
    // Ajv refuses documents whose ids collide (an `id` property Ajv reads as a schema id); no examples can be checked then.
    return undefined;
  }
  const compiled = new Map<string, ValidateFunction | undefined>();
  return (pointer) => {
    if (!compiled.has(pointer)) {
      try {
        compiled.set(pointer, ajv.compile({ $ref: `spec#${encodeURI(pointer)}` }));
      } catch {
        compiled.set(pointer, undefined); // a schema Ajv cannot compile is another rule's business
      }
    }
    return compiled.get(pointer);
  };
}

let standaloneAjv: ReturnType<typeof createAjv> | undefined;

/** Ajv for a schema with no `$ref` in it (a 2.0 parameter's own keywords); undefined when Ajv cannot take it. */
function standaloneValidator(schema: JsonObject): ValidateFunction | undefined {
  standaloneAjv ??= createAjv({ strict: false, allErrors: false, validateSchema: false, logger: false, code: { optimize: false } }, { formats: true });
  try {
    return standaloneAjv.compile(schema);
  } catch {
    return undefined;
  }
}

/**
 * Every example in the spec with the schema it must satisfy: schema-level ones (OpenAPI 3.0 and Swagger 2.0
 * `example`, 3.1 `examples` arrays, `x-example`) on every schema node (named components, nested properties, inline
 * request, response and parameter schemas), parameter examples (3.x `example`/`examples`, 2.0 `x-example`) and
 * media-type examples.
 */
export function exampleTargets(model: ApiModel): Target[] {
  const targets: Target[] = [];
  // Indexed loops: run once per lint, so cold, where each for-of step makes an iterator result object.
  const components = componentSchemaNodes(model);
  for (let i = 0; i < components.length; i++) addSchemaExamples(targets, components[i].schema, components[i].where);
  // Operation schemas mostly refer to named components, walked above: the walks below stop at those (seeding with
  // every component node instead cost a 9,500-schema spec 15 ms of set insertions). A ref into the middle of a
  // component is walked again, so an example is kept once by its address.
  const seen = new Set<object>();
  for (let i = 0; i < model.schemas.length; i++) seen.add(model.schemas[i].value);
  const kept = new Set<string>();
  for (let i = 0; i < targets.length; i++) kept.add(`${targets[i].at.file}#${targets[i].at.pointer}`);
  const visit = (v: SchemaVisit): void => {
    const before = targets.length;
    addSchemaExamples(targets, v.schema, v.where);
    for (let i = targets.length - 1; i >= before; i--) {
      const key = `${targets[i].at.file}#${targets[i].at.pointer}`;
      if (kept.has(key)) targets.splice(i, 1);
      else kept.add(key);
    }
  };
  const operations = model.operations;
  const walk = (schema: Resolved<JsonObject> | undefined) => {
    if (!schema || seen.has(schema.value)) return;
    // Most inline schemas (a parameter's `{type: string}`) have no subschema: no walk needed for them.
    if (hasSubschema(schema.value)) walkSchema(model.doc, schema.value, schema.at, visit, seen);
    else {
      seen.add(schema.value);
      visit({ schema: schema.value, where: schema.at, property: undefined, depth: 0 });
    }
  };
  const parameters = new Set<object>();
  for (let i = 0; i < operations.length; i++) {
    const op = operations[i];
    for (let j = 0; j < op.parameters.length; j++) {
      const parameter = op.parameters[j];
      if (parameters.has(parameter.value)) continue;
      parameters.add(parameter.value);
      if (parameter.schema && parameter.schema.value === parameter.value) addParameterV2Example(targets, parameter.schema);
      else {
        walk(parameter.schema);
        if (parameter.schema) addParameterExamples(targets, parameter.value, parameter.at, parameter.schema);
      }
    }
    if (op.requestBody) addTargets(targets, op.requestBody.content, walk);
    const responses = op.responses;
    for (let j = 0; j < responses.length; j++) addTargets(targets, responses[j].content, walk);
  }
  return targets;
}

const EXAMPLE_KEYS = ['example', 'x-example'] as const;
const SUBSCHEMA_KEYS = ['$ref', 'properties', 'patternProperties', 'allOf', 'anyOf', 'oneOf', 'prefixItems', 'items', 'additionalProperties', 'not'];

function hasSubschema(schema: JsonObject): boolean {
  for (let i = 0; i < SUBSCHEMA_KEYS.length; i++) if (schema[SUBSCHEMA_KEYS[i]] !== undefined) return true;
  return false;
}

function addSchemaExamples(targets: Target[], schema: JsonObject, where: Place): void {
  const examples = schema.examples;
  const hasArray = Array.isArray(examples) && examples.length > 0;
  if (schema.example === undefined && schema['x-example'] === undefined && !hasArray) return;
  const schemaAt = refOf(where);
  for (const key of EXAMPLE_KEYS) {
    if (schema[key] !== undefined) targets.push({ schemaAt, schema, value: schema[key], at: { file: schemaAt.file, pointer: joinPointer(schemaAt.pointer, key) } });
  }
  // JSON Schema's (3.1) `examples` is an array of values; 3.0 has no such schema keyword, so anything else is left alone.
  if (hasArray) for (let i = 0; i < examples.length; i++) targets.push({ schemaAt, schema, value: examples[i], at: { file: schemaAt.file, pointer: joinPointer(schemaAt.pointer, 'examples', i) } });
}

/** 3.x parameters: `example`, or `examples` as a map of Example Objects, checked against the parameter's schema. */
function addParameterExamples(targets: Target[], parameter: JsonObject, at: NodeRef, schema: Resolved<JsonObject>): void {
  if (parameter.example !== undefined) targets.push({ schemaAt: schema.at, schema: schema.value, value: parameter.example, at: { file: at.file, pointer: joinPointer(at.pointer, 'example') } });
  const examples = parameter.examples;
  if (!isJsonObject(examples)) return;
  for (const name in examples) {
    const example = examples[name];
    if (isJsonObject(example) && example.value !== undefined && example.$ref === undefined)
      targets.push({ schemaAt: schema.at, schema: schema.value, value: example.value, at: { file: at.file, pointer: joinPointer(at.pointer, 'examples', name, 'value') } });
  }
}

// Swagger 2.0 parameter fields that are not schema keywords.
const PARAMETER_FIELDS = new Set(['name', 'in', 'required', 'description', 'allowEmptyValue', 'collectionFormat', 'example', 'x-example']);

/**
 * 2.0 non-body parameters carry `x-example` (or a stray `example`) next to their own type. A path, query or header
 * value travels as text, so a string example of a number or boolean parameter is read as the value it spells.
 */
function addParameterV2Example(targets: Target[], schema: Resolved<JsonObject>): void {
  const parameter = schema.value;
  for (const key of EXAMPLE_KEYS) {
    const raw = parameter[key];
    if (raw === undefined) continue;
    const standalone: JsonObject = {};
    for (const name in parameter) if (!PARAMETER_FIELDS.has(name) && !name.startsWith('x-')) standalone[name] = parameter[name];
    targets.push({ schemaAt: schema.at, schema: parameter, standalone, value: spelledValue(raw, parameter.type), at: { file: schema.at.file, pointer: joinPointer(schema.at.pointer, key) } });
  }
}

function spelledValue(value: JsonValue, type: JsonValue | undefined): JsonValue {
  if (typeof value !== 'string' || value.trim() === '') return value;
  if ((type === 'integer' || type === 'number') && Number.isFinite(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function addTargets(targets: Target[], content: readonly MediaTypeView[], walk: (schema: Resolved<JsonObject> | undefined) => void): void {
  for (let i = 0; i < content.length; i++) {
    const media = content[i];
    const schema = media.schema;
    if (!schema) continue;
    walk(schema);
    const examples = media.examples;
    for (let j = 0; j < examples.length; j++) {
      const example = examples[j];
      targets.push({ schemaAt: schema.at, schema: schema.value, value: example.value, at: example.at });
    }
  }
}

export const rule = defineRule(
  {
    id: 'example-invalid',
    title: 'Example does not match its schema',
    category: 'contract',
    severity: 'medium',
    rationale:
      'Examples are what developers copy first and what mock servers return. An example that violates its own schema means ' +
      'either the example or the schema is wrong, and clients built from it fail against the real API. Checked: media-type ' +
      'examples, parameter examples (3.x `example`/`examples`, Swagger 2.0 `x-example`) and schema-level ones on every ' +
      'schema, nested or inline (3.0/2.0 `example`, 3.1 `examples` arrays).',
    fix: 'Correct the example (or the schema) so the example validates; validate examples in CI.',
  },
  (model) => {
    const targets = exampleTargets(model);
    const findings: Finding[] = [];
    const report = (target: Target, instancePath: string, message: string) =>
      findings.push(
        createFinding(rule.meta, {
          message: `Example at ${target.at.pointer} fails its schema: ${instancePath || '(root)'} ${message}.`,
          evidence: [specEvidence(model, target.at), specEvidence(model, target.schemaAt, 'schema')],
        }),
      );
    const undecided: Target[] = [];
    // Many examples share a schema: each schema address is resolved once (what a `$ref` to it would resolve to).
    const schemas = new Map<string, Resolved<JsonValue> | undefined>();
    // The model's schemas are the nodes written at their addresses (it resolved them there), so the address is
    // resolved again only when its text could read differently as a `$ref` fragment (`%` escapes are decoded).
    // corpus-lint.spec.ts checks that both ways give the same node.
    const schemaAt = ({ file, pointer }: NodeRef, known: JsonObject): Resolved<JsonValue> | undefined => {
      if (!pointer.includes('%')) return { value: known, at: { file, pointer }, via: [] };
      const key = `${file}#${pointer}`;
      if (!schemas.has(key)) schemas.set(key, model.doc.deref({ $ref: `#${pointer}` }, { file, pointer: '' }));
      return schemas.get(key);
    };
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i];
      const schema = target.standalone ? { value: target.standalone, at: target.schemaAt } : schemaAt(target.schemaAt, target.schema);
      const quick: QuickVerdict = schema ? quickValidate(model.doc, schema.value, schema.at, target.value) : { verdict: 'unsure' };
      if (quick.verdict === 'invalid') report(target, quick.instancePath, quick.message);
      else if (quick.verdict === 'unsure' && (target.standalone || target.schemaAt.file === model.doc.entryFile)) undecided.push(target);
    }
    const validators = undecided.length > 0 ? ajvValidators(model.doc.root as object) : undefined;
    for (const target of undecided) {
      const validate = target.standalone ? standaloneValidator(target.standalone) : validators?.(target.schemaAt.pointer);
      if (!validate || validate(target.value)) continue;
      const error = validate.errors?.[0];
      report(target, error?.instancePath ?? '', error?.message ?? 'is invalid');
    }
    return findings;
  },
);

