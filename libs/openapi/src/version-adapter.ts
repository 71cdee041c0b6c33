import type { ApiModel, JsonObject, JsonValue, MediaTypeView, NodeRef, RequestBodyView, Resolved } from './model';
import type { Located } from './node-resolver';

/**
 * Where Swagger 2.0 and OpenAPI 3.x differ in building the model, and only that: one implementation per
 * version (swagger2-adapter.ts, openapi3-adapter.ts), the rest of the build is shared.
 */
export interface VersionAdapter {
  /** The schema of a non-body parameter; undefined when it has none. */
  parameterSchema(parameter: JsonObject, at: NodeRef): Resolved<JsonObject> | undefined;
  /** The operation's request body; `parameters` are its merged parameters, path-level ones included. */
  requestBody(operation: Located<JsonObject>, parameters: readonly Located<JsonObject>[]): RequestBodyView | undefined;
  /** The media types a response returns; `produces` is what the operation (or else the document) declares. */
  responseContent(response: JsonObject, at: NodeRef, produces: readonly string[]): MediaTypeView[];
  /** The schema of a response header; undefined when it has none. */
  headerSchema(header: Located<JsonObject>): Resolved<JsonObject> | undefined;
  /** Extra scopes a security scheme declares outside its `flows`. */
  ownScopes(scheme: JsonObject): readonly string[];
  servers(): ApiModel['servers'];
  /** The map of named security schemes and where it sits (the value may be absent or not a map). */
  securitySchemes(): Located<JsonValue | undefined>;
  /** The map of named schemas and where it sits (the value may be absent or not a map). */
  schemas(): Located<JsonValue | undefined>;
}
