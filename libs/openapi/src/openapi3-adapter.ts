import { NO_CONTENT, NO_EXAMPLES } from './empty-lists';
import { isJsonObject, type ApiModel, type JsonObject, type JsonValue, type MediaTypeView, type NodeRef, type RequestBodyView, type Resolved } from './model';
import { childAt } from './node-address';
import type { Located, NodeResolver } from './node-resolver';
import type { VersionAdapter } from './version-adapter';

// OpenAPI 3.0 and 3.1: the model's shape is theirs, so this mostly reads `content` maps.

const NO_SCOPES: readonly string[] = [];

export class OpenApi3Adapter implements VersionAdapter {
  constructor(
    private readonly root: JsonObject,
    private readonly rootAt: NodeRef,
    private readonly nodes: NodeResolver,
  ) {}

  parameterSchema(parameter: JsonObject, at: NodeRef): Resolved<JsonObject> | undefined {
    return parameter.schema === undefined ? undefined : this.nodes.schemaAt(parameter.schema, at, 'schema');
  }

  requestBody(operation: Located<JsonObject>): RequestBodyView | undefined {
    if (operation.value.requestBody === undefined) return undefined;
    const body = this.nodes.objectAt(operation.value.requestBody, operation.at, 'requestBody');
    if (!body) return undefined;
    const content = isJsonObject(body.value.content) ? this.mediaTypeViews(body.value.content, childAt(body.at, 'content')) : [];
    return { required: body.value.required === true, content, at: body.at };
  }

  responseContent(response: JsonObject, at: NodeRef): MediaTypeView[] {
    return isJsonObject(response.content) ? this.mediaTypeViews(response.content, childAt(at, 'content')) : NO_CONTENT;
  }

  headerSchema(header: Located<JsonObject>): Resolved<JsonObject> | undefined {
    return header.value.schema === undefined ? undefined : this.nodes.schemaAt(header.value.schema, header.at, 'schema');
  }

  ownScopes(): readonly string[] {
    return NO_SCOPES;
  }

  servers(): ApiModel['servers'] {
    const servers: ApiModel['servers'] = [];
    const declared = this.root.servers;
    if (!Array.isArray(declared)) return servers;
    for (let i = 0; i < declared.length; i++) {
      const server = declared[i];
      if (isJsonObject(server) && typeof server.url === 'string') servers.push({ url: server.url, at: childAt(this.rootAt, 'servers', i) });
    }
    return servers;
  }

  securitySchemes(): Located<JsonValue | undefined> {
    const { components } = this.root;
    return { value: isJsonObject(components) ? components.securitySchemes : undefined, at: childAt(this.rootAt, 'components', 'securitySchemes') };
  }

  schemas(): Located<JsonValue | undefined> {
    const { components } = this.root;
    return { value: isJsonObject(components) ? components.schemas : undefined, at: childAt(this.rootAt, 'components', 'schemas') };
  }

  /** One view per media type of a `content` map (`at` is the map's address). */
  private mediaTypeViews(content: JsonObject, at: NodeRef): MediaTypeView[] {
    let views = NO_CONTENT;
    for (const mediaType in content) {
      const media = this.nodes.objectAt(content[mediaType], at, mediaType);
      if (!media) continue;
      const examples = this.examplesOf(media);
      const schema = media.value.schema === undefined ? undefined : this.nodes.schemaAt(media.value.schema, media.at, 'schema');
      if (views === NO_CONTENT) views = [];
      views.push(schema ? { mediaType, schema, examples, at: media.at } : { mediaType, examples, at: media.at });
    }
    return views;
  }

  /** A media type's `example`, then the `value` of each of its named `examples`. */
  private examplesOf(media: Located<JsonObject>): MediaTypeView['examples'] {
    let examples = NO_EXAMPLES;
    if (media.value.example !== undefined) examples = [{ value: media.value.example, at: childAt(media.at, 'example') }];
    const named = media.value.examples;
    if (!isJsonObject(named)) return examples;
    for (const name in named) {
      const example = this.nodes.objectAt(named[name], media.at, 'examples', name);
      // An Example Object may point to its value (`externalValue`) instead of holding it.
      if (!example || example.value.value === undefined) continue;
      if (examples === NO_EXAMPLES) examples = [];
      examples.push({ value: example.value.value, at: childAt(example.at, 'value') });
    }
    return examples;
  }
}
