import { escapeSegment } from './json-pointer';
import type { NodeRef } from './model';

/**
 * The address of a node's child, one or two keys down. Fixed arity, no rest array: the model makes one for
 * every parameter, response and media type.
 */
export function childAt(at: NodeRef, segment: string | number, next?: string | number): NodeRef {
  const pointer = `${at.pointer}/${typeof segment === 'number' ? segment : escapeSegment(segment)}`;
  return { file: at.file, pointer: next === undefined ? pointer : `${pointer}/${escapeSegment(next)}` };
}

/** Whether two addresses name the same node: usually the very same NodeRef, when the load's ref cache made it. */
export function isSameNode(a: NodeRef, b: NodeRef): boolean {
  return a === b || (a.file === b.file && a.pointer === b.pointer);
}
