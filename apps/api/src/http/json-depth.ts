import { MAX_NESTING_DEPTH } from '@apiaudit/openapi';
import { Problem } from './problem';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Refuses a JSON body nested deeper than uploads may be (MAX_NESTING_DEPTH), before it is parsed: validation and
 * the DTO transform walk bodies by recursion, and a body 10,000 deep overflowed the stack into a 500. Runs as
 * body-parser's `verify` over the raw bytes, counting brackets outside strings, so it costs one pass and no tree.
 */
export function assertJsonDepth(bytes: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > MAX_NESTING_DEPTH) {
        throw new Problem(422, 'nested-too-deep', 'Nested too deep', `The JSON body is nested deeper than ${MAX_NESTING_DEPTH} levels (at byte ${i}).`);
      }
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
}
