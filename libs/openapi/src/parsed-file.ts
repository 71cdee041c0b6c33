import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { indexJsonOffsets, indexLineStarts, offsetToLineColumn } from './json-locations';
import { splitPointer } from './json-pointer';
import { SpecInputError, type JsonValue } from './model';

/** One file of a description: its data, plus a lazily built way back from a pointer to line and column. */
export interface ParsedFile {
  name: string;
  value: JsonValue;
  bytes: number;
  /** 1-based position of the node at `pointer`, or of its nearest existing ancestor. */
  position(pointer: string): { line: number; column: number };
}

// Alias bombs ("billion laughs") expand aliases exponentially; real specs use a handful at most.
const MAX_ALIAS_COUNT = 1000;

function looksLikeJson(name: string, text: string): boolean {
  return name.endsWith('.json') || /^\s*[{[]/.test(text);
}

function jsonErrorPosition(text: string, error: Error): { line?: number; column?: number } {
  const match = /position (\d+)/.exec(error.message);
  if (!match) return {};
  return offsetToLineColumn(indexLineStarts(text), Number(match[1]));
}

function parseJsonFile(name: string, text: string): ParsedFile {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = (error as Error).message.replace(/^Unexpected/, 'unexpected').replace(/ in JSON at position \d+.*$/, '');
    throw new SpecInputError(`invalid JSON: ${reason}`, { file: name, ...jsonErrorPosition(text, error as Error) });
  }
  let offsets: Map<string, number> | undefined;
  let lineStarts: number[] | undefined;
  return {
    name,
    value,
    bytes: Buffer.byteLength(text),
    position(pointer) {
      offsets ??= indexJsonOffsets(text);
      lineStarts ??= indexLineStarts(text);
      let probe = pointer;
      while (!offsets.has(probe) && probe !== '') probe = probe.slice(0, probe.lastIndexOf('/'));
      return offsetToLineColumn(lineStarts, offsets.get(probe) ?? 0);
    },
  };
}

function yamlOffset(doc: Document, pointer: string): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of splitPointer(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      offset = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

function parseYamlFile(name: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  // One parse serves both needs: toJS() gives the data, the kept Document answers location queries.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: false, version: '1.2' });
  const error = doc.errors[0];
  if (error) {
    const position = lineCounter.linePos(error.pos[0]);
    const at = { line: position.line, col: position.col };
    const reason = error.code === 'DUPLICATE_KEY' ? 'duplicate key' : error.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    throw new SpecInputError(`invalid YAML: ${reason}`, { file: name, line: at.line, column: at.col });
  }
  let value: JsonValue;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as JsonValue;
  } catch (err) {
    throw new SpecInputError(`invalid YAML: ${(err as Error).message}`, { file: name });
  }
  return {
    name,
    value,
    bytes: Buffer.byteLength(text),
    position(pointer) {
      const { line, col } = lineCounter.linePos(yamlOffset(doc, pointer));
      return { line, column: col };
    },
  };
}

/** Parses one file of a description as JSON or YAML, with errors that name file, line and column. */
export function parseSpecFile(name: string, content: Buffer | string): ParsedFile {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  if (text.includes('\u0000')) throw new SpecInputError('binary content, not a YAML or JSON document', { file: name });
  if (text.trim() === '') throw new SpecInputError('empty file', { file: name });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return looksLikeJson(name, body) ? parseJsonFile(name, body) : parseYamlFile(name, body);
}
