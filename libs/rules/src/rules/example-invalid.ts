import type { ValidateFunction } from 'ajv';
import { createFinding, type Finding } from '@apiaudit/domain';
import type { ApiModel, JsonObject, JsonValue, MediaTypeView, NodeRef, Resolved } from '@apiaudit/openapi';
import { createAjv } from '../load-ajv';
import { quickValidate, type QuickVerdict } from '../quick-validate';
import { defineRule, specEvidence } from '../spec-rule';

interface Target {
  schemaAt: NodeRef;
  /** The schema the model already resolved to `schemaAt` (the node written there). */
  schema: JsonObject;
  value: JsonValue;
  at: NodeRef;
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

/** Every example in the spec with the schema it must satisfy: schema-level `example`s and media-type examples. */
export function exampleTargets(model: ApiModel): Target[] {
  const targets: Target[] = [];
  // Indexed loops: run once per lint, so cold, where each for-of step makes an iterator result object.
  const schemas = model.schemas;
  for (let i = 0; i < schemas.length; i++) {
    const schema = schemas[i];
    if (schema.value.example !== undefined) targets.push({ schemaAt: schema.at, schema: schema.value, value: schema.value.example, at: { file: schema.at.file, pointer: `${schema.at.pointer}/example` } });
  }
  const operations = model.operations;
  for (let i = 0; i < operations.length; i++) {
    const op = operations[i];
    if (op.requestBody) addTargets(targets, op.requestBody.content);
    const responses = op.responses;
    for (let j = 0; j < responses.length; j++) addTargets(targets, responses[j].content);
  }
  return targets;
}

function addTargets(targets: Target[], content: readonly MediaTypeView[]): void {
  for (let i = 0; i < content.length; i++) {
    const media = content[i];
    const schema = media.schema;
    if (!schema) continue;
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
      'either the example or the schema is wrong, and clients built from it fail against the real API.',
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
      const schema = schemaAt(target.schemaAt, target.schema);
      const quick: QuickVerdict = schema ? quickValidate(model.doc, schema.value, schema.at, target.value) : { verdict: 'unsure' };
      if (quick.verdict === 'invalid') report(target, quick.instancePath, quick.message);
      else if (quick.verdict === 'unsure' && target.schemaAt.file === model.doc.entryFile) undecided.push(target);
    }
    const validators = undecided.length > 0 ? ajvValidators(model.doc.root as object) : undefined;
    for (const target of undecided) {
      const validate = validators?.(target.schemaAt.pointer);
      if (!validate || validate(target.value)) continue;
      const error = validate.errors?.[0];
      report(target, error?.instancePath ?? '', error?.message ?? 'is invalid');
    }
    return findings;
  },
);

