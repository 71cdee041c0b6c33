import type { JsonObject, JsonValue, NodeRef, ParameterView } from './model';
import { childAt, isSameNode } from './node-address';
import type { Located, NodeResolver } from './node-resolver';
import type { VersionAdapter } from './version-adapter';

/** Parameter identity for merging: `in` and `name`, compared as the strings `${in}:${name}` would be. */
function isSameParameter(a: JsonObject, b: JsonObject): boolean {
  const aIn = typeof a.in === 'string' ? a.in : String(a.in);
  const bIn = typeof b.in === 'string' ? b.in : String(b.in);
  const aName = typeof a.name === 'string' ? a.name : String(a.name);
  const bName = typeof b.name === 'string' ? b.name : String(b.name);
  // A ':' inside `in` makes different pairs spell the same key; compare the keys themselves then.
  if (aIn.includes(':') || bIn.includes(':')) return `${aIn}:${aName}` === `${bIn}:${bName}`;
  return aIn === bIn && aName === bName;
}

/**
 * `inherited` followed by the resolved parameters of `list` (the `parameters` of `owner`), as a new list: a later
 * parameter with the same `in` and `name` takes an earlier one's place, so an operation's own override its path's.
 */
export function mergeParameters(nodes: NodeResolver, list: JsonValue | undefined, owner: NodeRef, inherited: readonly Located<JsonObject>[]): Located<JsonObject>[] {
  const merged = inherited.slice();
  if (!Array.isArray(list) || list.length === 0) return merged;
  const listAt = childAt(owner, 'parameters');
  for (let i = 0; i < list.length; i++) {
    const parameter = nodes.objectAt(list[i], listAt, i);
    if (!parameter) continue;
    let j = 0;
    while (j < merged.length && !isSameParameter(merged[j].value, parameter.value)) j++;
    merged[j] = parameter;
  }
  return merged;
}

/** Parameter views of one model. Body parameters (Swagger 2.0) have none: they are the request body. */
export class ParameterViews {
  // A path-level parameter recurs in every operation of its path, a shared component in every operation that
  // refers to it: one view per parameter object (and address) serves them all.
  private readonly shared = new Map<JsonObject, ParameterView>();

  constructor(private readonly adapter: VersionAdapter) {}

  viewsOf(parameters: readonly Located<JsonObject>[]): ParameterView[] {
    const views: ParameterView[] = [];
    for (let i = 0; i < parameters.length; i++) {
      const view = this.sharedViewOf(parameters[i]);
      if (view) views.push(view);
    }
    return views;
  }

  private sharedViewOf(parameter: Located<JsonObject>): ParameterView | undefined {
    const known = this.shared.get(parameter.value);
    if (known && isSameNode(known.at, parameter.at)) return known;
    const view = this.viewOf(parameter);
    if (view && !known) this.shared.set(parameter.value, view);
    return view;
  }

  private viewOf({ value: p, at }: Located<JsonObject>): ParameterView | undefined {
    if (typeof p.name !== 'string' || typeof p.in !== 'string' || p.in === 'body') return undefined;
    const schema = this.adapter.parameterSchema(p, at);
    const where = p.in as ParameterView['in'];
    const required = p.required === true;
    const deprecated = p.deprecated === true;
    return schema
      ? { name: p.name, in: where, required, deprecated, schema, value: p, at }
      : { name: p.name, in: where, required, deprecated, value: p, at };
  }
}
