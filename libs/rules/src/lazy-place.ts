import type { NodeRef } from '@apiaudit/openapi';
import { joinPointer } from '@apiaudit/openapi';

/**
 * A place in a file whose pointer is joined from its parent's only when someone asks for it: `parent` plus one
 * or two segments (`items`, or `properties` and a name). Schema walks visit tens of thousands of nodes and
 * need the pointer of a few: the ones they report, or whose `$ref` needs a base.
 */
export interface Place {
  file: string;
  pointer?: string;
  parent?: Place;
  first?: string;
  second?: string | number;
}

export function pointerOf(place: Place): string {
  if (place.pointer === undefined) {
    const base = pointerOf(place.parent!);
    place.pointer = place.second === undefined ? joinPointer(base, place.first!) : joinPointer(base, place.first!, place.second);
  }
  return place.pointer;
}

export function refOf(place: Place): NodeRef {
  return { file: place.file, pointer: pointerOf(place) };
}

export function placeBelow(place: Place, first: string, second?: string | number): Place {
  return { file: place.file, parent: place, first, second };
}
