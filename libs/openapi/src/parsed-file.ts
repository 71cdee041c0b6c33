import { indexLineStarts, JsonLocator, offsetToLineColumn } from './json-locations';
import { joinPointer, splitPointer } from './json-pointer';
import { SpecInputError, type JsonValue } from './model';
import { parseYamlWithPositions, YamlSyntaxError, type YamlWithPositions } from './yaml-positions';

/** One file of a description: its data, plus a lazily built way back from a pointer to line and column. */
export interface ParsedFile {
  name: string;
  value: JsonValue;
  bytes: number;
  /** 1-based position of the node at `pointer`, or of its nearest existing ancestor. */
  position(pointer: string): { line: number; column: number };
}

function looksLikeJson(name: string, text: string): boolean {
  return name.endsWith('.json') || /^\s*[{[]/.test(text);
}

function jsonErrorPosition(text: string, error: Error): { line?: number; column?: number } {
  const match = /position (\d+)/.exec(error.message);
  if (!match) return {};
  return offsetToLineColumn(indexLineStarts(text), Number(match[1]));
}

function binaryContent(name: string): SpecInputError {
  return new SpecInputError('binary content, not a YAML or JSON document', { file: name });
}

function parseJsonFile(name: string, text: string): ParsedFile {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (error) {
    // JSON allows no raw U+0000 anywhere, so only text that failed to parse can hold one (see parseSpecFile).
    if (text.includes('\u0000')) throw binaryContent(name);
    const reason = (error as Error).message.replace(/^Unexpected/, 'unexpected').replace(/ in JSON at position \d+.*$/, '');
    throw new SpecInputError(`invalid JSON: ${reason}`, { file: name, ...jsonErrorPosition(text, error as Error) });
  }
  let locator: JsonLocator | undefined;
  let lineStarts: Int32Array | undefined;
  let bytes: number | undefined;
  return {
    name,
    value,
    // Counted when asked (nothing in a lint asks): measuring UTF-8 length scans the whole text, 1.7 ms on PagerDuty.
    get bytes() {
      return (bytes ??= Buffer.byteLength(text));
    },
    position(pointer) {
      locator ??= new JsonLocator(text);
      lineStarts ??= indexLineStarts(text);
      return offsetToLineColumn(lineStarts, locator.offsetOf(pointer));
    },
  };
}

function parseYamlFile(name: string, text: string): ParsedFile {
  let parsed: YamlWithPositions;
  try {
    parsed = parseYamlWithPositions(text);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    throw new SpecInputError(`invalid YAML: ${error.reason}`, { file: name, ...(error.line ? { line: error.line, column: error.column } : {}) });
  }
  let lineStarts: Int32Array | undefined;
  let bytes: number | undefined;
  return {
    name,
    value: parsed.value as JsonValue,
    get bytes() {
      return (bytes ??= Buffer.byteLength(text));
    },
    position(pointer) {
      let node: unknown = parsed.value;
      let offset = parsed.rootOffset;
      for (const segment of splitPointer(pointer)) {
        const at = node !== null && typeof node === 'object' ? parsed.memberOffset(node, segment) : undefined;
        if (at === undefined) break;
        offset = at;
        node = (node as Record<string, unknown>)[segment];
      }
      lineStarts ??= indexLineStarts(text);
      return offsetToLineColumn(lineStarts, offset);
    },
  };
}

// Escapes that make U+0000 in JSON (\u0000) or YAML double-quoted scalars (\0, \x00, \u0000, \U00000000).
const NUL_ESCAPE = /\\(?:0|x00|u0000|U00000000)/;

/** The pointer of the first string (key or value) holding U+0000, or undefined; iterative, so depth is no risk. */
function findNulString(root: JsonValue): string | undefined {
  const stack: Array<{ node: JsonValue; pointer: string }> = [{ node: root, pointer: '' }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return pointer;
    } else if (node !== null && typeof node === 'object') {
      for (const [key, member] of Object.entries(node)) {
        const below = joinPointer(pointer, key);
        if (key.includes('\u0000')) return below;
        stack.push({ node: member, pointer: below });
      }
    }
  }
  return undefined;
}

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, and no API description needs it: a file whose strings hold it
 * is refused with the place. Only text holding such an escape is walked (one native substring scan otherwise).
 */
function refuseNulStrings(file: ParsedFile, text: string): ParsedFile {
  if (!NUL_ESCAPE.test(text)) return file;
  const pointer = findNulString(file.value);
  if (pointer === undefined) return file;
  throw new SpecInputError(`a string holds U+0000 (NUL) at ${pointer || '/'}`, { file: file.name, ...file.position(pointer) });
}

/** Parses one file of a description as JSON or YAML, with errors that name file, line and column. */
export function parseSpecFile(name: string, content: Buffer | string): ParsedFile {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  // Text holding U+0000 is never empty, so testing for it after the emptiness test changes no outcome. JSON text
  // is tested only when it fails to parse (a scan of the whole text, 3 ms on PagerDuty's two-byte 2.8 MB).
  if (text.trim() === '') throw new SpecInputError('empty file', { file: name });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksLikeJson(name, body)) return refuseNulStrings(parseJsonFile(name, body), body);
  if (text.includes('\u0000')) throw binaryContent(name);
  return refuseNulStrings(parseYamlFile(name, body), body);
}
