import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createFinding, type Finding } from '@apiaudit/domain';
import type { JsonValue, NodeRef } from '@apiaudit/openapi';
import { quickValidate } from '../quick-validate';
import { defineRule, specEvidence } from '../spec-rule';

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
    const targets: Array<{ schemaAt: NodeRef; value: JsonValue; at: NodeRef }> = [];
    for (const schema of model.schemas) {
      if (schema.value.example !== undefined) targets.push({ schemaAt: schema.at, value: schema.value.example, at: { file: schema.at.file, pointer: `${schema.at.pointer}/example` } });
    }
    for (const op of model.operations) {
      for (const media of [...(op.requestBody?.content ?? []), ...op.responses.flatMap((r) => r.content)]) {
        if (!media.schema) continue;
        for (const example of media.examples) targets.push({ schemaAt: media.schema.at, value: example.value, at: example.at });
      }
    }
    // Only schemas of the entry file are compiled: Ajv resolves their local refs through the registered document.
    const local = targets
      .filter((t) => t.schemaAt.file === model.doc.entryFile)
      .filter((t) => quickValidate(model.doc, { $ref: `#${t.schemaAt.pointer}` }, { file: t.schemaAt.file, pointer: '' }, t.value) !== 'valid');
    if (local.length === 0) return [];
    const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false, logger: false, inlineRefs: false, code: { optimize: false } });
    addFormats(ajv);
    try {
      ajv.addSchema(model.doc.root as object, 'spec');
    } catch {
      // Ajv refuses documents whose ids collide (an `id` property Ajv reads as a schema id); no examples can be checked then.
      return [];
    }
    const compiled = new Map<string, ValidateFunction | null>();
    const findings: Finding[] = [];
    for (const target of local) {
      const key = target.schemaAt.pointer;
      if (!compiled.has(key)) {
        try {
          compiled.set(key, ajv.compile({ $ref: `spec#${encodeURI(key)}` }));
        } catch {
          compiled.set(key, null); // a schema Ajv cannot compile is another rule's business
        }
      }
      const validate = compiled.get(key);
      if (!validate || validate(target.value)) continue;
      const error = validate.errors?.[0];
      findings.push(
        createFinding(rule.meta, {
          message: `Example at ${target.at.pointer} fails its schema: ${error?.instancePath || '(root)'} ${error?.message ?? 'is invalid'}.`,
          evidence: [specEvidence(model, target.at), specEvidence(model, target.schemaAt, 'schema')],
        }),
      );
    }
    return findings;
  },
);

