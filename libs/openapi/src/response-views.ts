import { NO_HEADERS } from './empty-lists';
import { isJsonObject, type HeaderView, type JsonObject, type JsonValue, type NodeRef, type ResponseView } from './model';
import { childAt, isSameNode } from './node-address';
import { isRef, type Located, type NodeResolver } from './node-resolver';
import type { VersionAdapter } from './version-adapter';

/** Response views of one model, with their headers; the adapter reads their content. */
export class ResponseViews {
  // Responses written once and referred to from many operations (PagerDuty: 2,184 of 2,602) share one view
  // per response object, as long as it is listed under the same status and the same `produces` (which decides
  // a Swagger 2.0 response's media types).
  private readonly shared = new Map<JsonObject, { view: ResponseView; produces: readonly string[] }>();

  constructor(
    private readonly nodes: NodeResolver,
    private readonly adapter: VersionAdapter,
  ) {}

  /** The views of an operation's `responses` map (`owner` is the operation's address), `x-` keys left out. */
  viewsOf(responses: JsonValue | undefined, owner: NodeRef, produces: readonly string[]): ResponseView[] {
    const views: ResponseView[] = [];
    if (!isJsonObject(responses)) return views;
    const at = childAt(owner, 'responses');
    for (const status in responses) {
      if (status.startsWith('x-')) continue;
      const written = responses[status];
      const response = this.nodes.objectAt(written, at, status);
      if (!response) continue;
      views.push(isRef(written) ? this.sharedViewOf(status, response, produces) : this.viewOf(status, response, produces));
    }
    return views;
  }

  private sharedViewOf(status: string, response: Located<JsonObject>, produces: readonly string[]): ResponseView {
    const shared = this.shared.get(response.value);
    if (shared && shared.view.status === status && shared.produces === produces && isSameNode(shared.view.at, response.at)) return shared.view;
    const view = this.viewOf(status, response, produces);
    if (!shared) this.shared.set(response.value, { view, produces });
    return view;
  }

  private viewOf(status: string, { value: r, at }: Located<JsonObject>, produces: readonly string[]): ResponseView {
    const content = this.adapter.responseContent(r, at, produces);
    const headers = isJsonObject(r.headers) ? this.headerViews(r.headers, childAt(at, 'headers')) : NO_HEADERS;
    return typeof r.description === 'string' ? { status, description: r.description, headers, content, at } : { status, headers, content, at };
  }

  private headerViews(headers: JsonObject, at: NodeRef): HeaderView[] {
    let views = NO_HEADERS;
    for (const name in headers) {
      const header = this.nodes.objectAt(headers[name], at, name);
      if (!header) continue;
      const schema = this.adapter.headerSchema(header);
      const required = header.value.required === true;
      if (views === NO_HEADERS) views = [];
      views.push(schema ? { name, required, schema, value: header.value, at: header.at } : { name, required, value: header.value, at: header.at });
    }
    return views;
  }
}
