import { createFinding } from '@apiaudit/domain';
import type { JsonValue, OperationView, ParameterView } from '@apiaudit/openapi';
import { defineRule, specEvidence } from '../spec-rule';
import { isHealthProbe, PATH_VERSION } from '../api-versions';

// A dotted number (`/2.0`, Box) or a date (`/2010-04-01`, Twilio) is a version too, in a server URL or a path.
const VERSION = new RegExp(`${PATH_VERSION.source}|(^|/)\\d+\\.\\d+(/|$)|/\\d{4}-\\d{2}-\\d{2}(/|$)`);
const VERSIONED_MEDIA = /version=|\.v\d+\+|vnd\..*v\d/;

/** A version header (`Api-Version`), or an Accept / Content-Type header whose values name a versioned media type. */
function isVersionHeader(parameter: ParameterView): boolean {
  if (parameter.in !== 'header') return false;
  if (/version/i.test(parameter.name)) return true;
  if (!/^(accept|content-type)$/i.test(parameter.name)) return false;
  const schema: Record<string, JsonValue> = parameter.schema?.value ?? parameter.value;
  const values = [schema.default, schema.example, ...(Array.isArray(schema.enum) ? schema.enum : [])];
  return values.some((value) => typeof value === 'string' && VERSIONED_MEDIA.test(value));
}

function carriesVersion(op: OperationView): boolean {
  return (
    VERSION.test(op.path) ||
    op.parameters.some(isVersionHeader) ||
    op.responses.some((r) => r.content.some((c) => VERSIONED_MEDIA.test(c.mediaType)))
  );
}

export const rule = defineRule(
  {
    id: 'api-version-missing',
    title: 'No API version in path, header or media type',
    category: 'versioning',
    severity: 'medium',
    rationale:
      'Without a version in the URL, a header or the media type, the first breaking change has nowhere to go: either every ' +
      'client breaks at once or the API freezes. Health and readiness probes (/health, /healthz, /ready, /livez, /ping, ' +
      '/status, /metrics, /version, /.well-known/…) are not counted: load balancers and orchestrators call them at a fixed ' +
      'URL that must not move when the API’s version does, so leaving them outside the version is right.',
    fix: 'Choose one versioning scheme (a /v1 path prefix, a version header or a versioned media type) and apply it everywhere.',
  },
  (model) => {
    const probes = model.operations.filter((op) => isHealthProbe(op.path));
    const operations = model.operations.filter((op) => !isHealthProbe(op.path));
    if (operations.length === 0) return [];
    // Any one place carrying a version is enough: the cheap checks first, each only if the ones before failed. Some
    // operations versioned and others not is api-versioning-mixed's finding, not a missing version.
    if (model.servers.some((s) => VERSION.test(s.url.replace(/^[a-z]+:\/\/[^/]+/, '')))) return [];
    if (operations.some(carriesVersion)) return [];
    const probeNote = probes.length
      ? ` (${probes.length} health probe${probes.length === 1 ? '' : 's'} not counted: ${[...new Set(probes.map((op) => op.path))].slice(0, 3).join(', ')})`
      : '';
    return [
      createFinding(rule.meta, {
        message: `None of ${operations.length} operations carries a version in its path, a header or its media type${probeNote}.`,
        evidence: [specEvidence(model, { file: model.doc.entryFile, pointer: model.servers[0] ? model.servers[0].at.pointer : '/paths' })],
        subject: 'api',
      }),
    ];
  },
);
