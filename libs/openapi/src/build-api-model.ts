import { isJsonObject, type ApiModel, type NodeRef, type SpecDocument } from './model';
import { NodeResolver } from './node-resolver';
import { OpenApi3Adapter } from './openapi3-adapter';
import { buildOperationViews } from './operation-views';
import { securityRequirementsOf } from './security-requirements';
import { buildSecuritySchemeViews } from './security-scheme-views';
import { Swagger2Adapter } from './swagger2-adapter';
import type { VersionAdapter } from './version-adapter';

/** Builds the version-neutral view of a description (see model.ts), following refs to where nodes live. */
export function buildApiModel(doc: SpecDocument): ApiModel {
  const rootAt: NodeRef = { file: doc.entryFile, pointer: '' };
  const nodes = new NodeResolver(doc);
  const adapter: VersionAdapter = doc.version === '2.0' ? new Swagger2Adapter(doc.root, rootAt, nodes) : new OpenApi3Adapter(doc.root, rootAt, nodes);
  const globalSecurity = securityRequirementsOf(doc.root.security);
  const operations = buildOperationViews(doc, rootAt, nodes, adapter, globalSecurity);
  return {
    doc,
    operations,
    servers: adapter.servers(),
    securitySchemes: buildSecuritySchemeViews(nodes, adapter),
    schemas: buildNamedSchemas(nodes, adapter),
    globalSecurity,
  };
}

function buildNamedSchemas(nodes: NodeResolver, adapter: VersionAdapter): ApiModel['schemas'] {
  const schemas: ApiModel['schemas'] = [];
  const declared = adapter.schemas();
  if (!isJsonObject(declared.value)) return schemas;
  for (const name in declared.value) {
    const schema = nodes.objectAt(declared.value[name], declared.at, name);
    if (schema) schemas.push({ name, value: schema.value, at: schema.at });
  }
  return schemas;
}
