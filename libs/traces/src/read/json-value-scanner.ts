import { TraceInputError } from '../trace-input-error';

export type JsonPath = (string | number)[];

export interface ScannedValue {
  value: any;
  path: JsonPath;
  /** Byte offset where the value starts. */
  offset: number;
}

const enum State {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  InKey,
  Colon,
  After,
  InString,
  Scalar,
  Capture,
}

interface Frame {
  isObject: boolean;
  key: string | number;
}

const WS = new Uint8Array(256);
WS[0x20] = WS[0x09] = WS[0x0a] = WS[0x0d] = 1;

/**
 * An incremental JSON scanner: it walks the structure of a document of any size byte by byte and hands back, parsed,
 * only the objects or arrays whose path `select` accepts (e.g. each element of `resourceSpans`). Memory is bounded by
 * the largest selected value, not by the document. Several top-level values in a row are accepted.
 */
export class JsonValueScanner {
  private stack: Frame[] = [];
  private state = State.Value;
  private offset = 0;
  private escaped = false;
  private keyBytes: number[] = [];
  private captureParts: Buffer[] = [];
  private captureDepth = 0;
  private captureInString = false;
  private captureOffset = 0;
  private capturePath: JsonPath = [];
  private sawValue = false;

  constructor(
    private readonly select: (path: JsonPath) => boolean,
    private readonly file?: string,
  ) {}

  push(chunk: Buffer): ScannedValue[] {
    const out: ScannedValue[] = [];
    let captureStart = 0;
    const length = chunk.length;
    for (let i = 0; i < length; i++) {
      const byte = chunk[i];
      switch (this.state) {
        case State.Capture: {
          if (this.captureInString) {
            if (this.escaped) this.escaped = false;
            else if (byte === 0x5c) this.escaped = true;
            else if (byte === 0x22) this.captureInString = false;
          } else if (byte === 0x22) this.captureInString = true;
          else if (byte === 0x7b || byte === 0x5b) this.captureDepth++;
          else if (byte === 0x7d || byte === 0x5d) {
            if (--this.captureDepth === 0) {
              this.captureParts.push(chunk.subarray(captureStart, i + 1));
              out.push(this.finishCapture());
              this.state = State.After;
            }
          }
          break;
        }
        case State.InString:
          if (this.escaped) this.escaped = false;
          else if (byte === 0x5c) this.escaped = true;
          else if (byte === 0x22) this.state = State.After;
          break;
        case State.InKey:
          if (this.escaped) {
            this.escaped = false;
            this.keyBytes.push(byte);
          } else if (byte === 0x5c) {
            this.escaped = true;
            this.keyBytes.push(byte);
          } else if (byte === 0x22) {
            const raw = Buffer.from(this.keyBytes).toString('utf8');
            this.stack[this.stack.length - 1].key = raw.includes('\\') ? JSON.parse(`"${raw}"`) : raw;
            this.keyBytes = [];
            this.state = State.Colon;
          } else this.keyBytes.push(byte);
          break;
        case State.Scalar:
          if (byte === 0x2c || byte === 0x7d || byte === 0x5d || WS[byte]) {
            this.state = State.After;
            i--;
          } else if (!isScalarByte(byte)) this.fail(i, `unexpected character ${JSON.stringify(String.fromCharCode(byte))}`);
          break;
        default:
          if (WS[byte]) break;
          i = this.structural(byte, i);
          if ((this.state as State) === State.Capture) captureStart = i;
      }
    }
    if (this.state === State.Capture) this.captureParts.push(chunk.subarray(captureStart));
    this.offset += length;
    return out;
  }

  /** Call after the last chunk: a document that stops inside a value is truncated. */
  end(): void {
    if (this.stack.length > 0 || this.state === State.Capture || this.state === State.InString || this.state === State.InKey) {
      throw new TraceInputError('unexpected end of input: the JSON document is truncated', {
        file: this.file,
        offset: this.offset,
      });
    }
    if (!this.sawValue) throw new TraceInputError('empty input', { file: this.file, offset: 0 });
  }

  private structural(byte: number, i: number): number {
    const top = this.stack[this.stack.length - 1];
    switch (this.state) {
      case State.ValueOrEnd:
        if (byte === 0x5d) return this.close(false, i);
        return this.startValue(byte, i);
      case State.Value:
        return this.startValue(byte, i);
      case State.KeyOrEnd:
        if (byte === 0x7d) return this.close(true, i);
        return this.startKey(byte, i);
      case State.Key:
        return this.startKey(byte, i);
      case State.Colon:
        if (byte === 0x3a) {
          this.state = State.Value;
          return i;
        }
        return this.fail(i, "expected ':'");
      case State.After:
        if (!top) {
          this.state = State.Value;
          return i - 1;
        }
        if (byte === 0x2c) {
          if (top.isObject) this.state = State.Key;
          else {
            top.key = (top.key as number) + 1;
            this.state = State.Value;
          }
          return i;
        }
        if (byte === 0x7d && top.isObject) return this.close(true, i);
        if (byte === 0x5d && !top.isObject) return this.close(false, i);
        return this.fail(i, "expected ',' or the end of the container");
      default:
        return this.fail(i, 'unexpected character');
    }
  }

  private startKey(byte: number, i: number): number {
    if (byte === 0x22) {
      this.state = State.InKey;
      return i;
    }
    return this.fail(i, 'expected a property name');
  }

  private startValue(byte: number, i: number): number {
    this.sawValue = true;
    if (byte === 0x7b || byte === 0x5b) {
      const path = this.stack.map((frame) => frame.key);
      if (this.select(path)) {
        this.state = State.Capture;
        this.captureDepth = 1;
        this.captureInString = false;
        this.captureOffset = this.offset + i;
        this.capturePath = path;
        this.captureParts = [];
        return i;
      }
      const isObject = byte === 0x7b;
      this.stack.push({ isObject, key: isObject ? '' : 0 });
      this.state = isObject ? State.KeyOrEnd : State.ValueOrEnd;
      return i;
    }
    if (byte === 0x22) {
      this.state = State.InString;
      return i;
    }
    if (isScalarByte(byte)) {
      this.state = State.Scalar;
      return i;
    }
    return this.fail(i, `unexpected character ${JSON.stringify(String.fromCharCode(byte))}`);
  }

  private close(isObject: boolean, i: number): number {
    const top = this.stack.pop();
    if (!top || top.isObject !== isObject) this.fail(i, 'mismatched bracket');
    this.state = State.After;
    return i;
  }

  private finishCapture(): ScannedValue {
    const text = Buffer.concat(this.captureParts).toString('utf8');
    this.captureParts = [];
    try {
      return { value: JSON.parse(text), path: this.capturePath, offset: this.captureOffset };
    } catch (error) {
      throw new TraceInputError(`invalid JSON (${(error as Error).message})`, {
        file: this.file,
        offset: this.captureOffset,
      });
    }
  }

  private fail(i: number, message: string): never {
    throw new TraceInputError(message, { file: this.file, offset: this.offset + i });
  }
}

function isScalarByte(byte: number): boolean {
  // digits, sign, exponent, decimal point and the letters of true, false, null
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2d ||
    byte === 0x2b ||
    byte === 0x2e ||
    (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x45
  );
}

export async function* scanJsonValues(
  chunks: AsyncIterable<Buffer>,
  select: (path: JsonPath) => boolean,
  file?: string,
): AsyncGenerator<ScannedValue> {
  const scanner = new JsonValueScanner(select, file);
  for await (const chunk of chunks) yield* scanner.push(chunk);
  scanner.end();
}
