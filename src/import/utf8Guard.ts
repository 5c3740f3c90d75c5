/**
 * A check of an import file's bytes as they stream by: UTF-8 passes through
 * unchanged, and the first byte that is not stops the stream with its line
 * and column, so that the user can find it in an editor.
 */
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

export class InvalidUtf8Error extends Error {
  override name = 'InvalidUtf8Error';
  constructor(
    readonly line: number,
    readonly column: number,
  ) {
    super(`column ${column}: the file is not UTF-8 (a byte here is not valid UTF-8); save it as UTF-8 and import it again`);
  }
}

/** Bytes at the end of `b` that start a UTF-8 sequence the next chunk completes. */
function incompleteTail(b: Buffer): number {
  for (let i = 1; i <= Math.min(3, b.length); i += 1) {
    const x = b[b.length - i]!;
    if ((x & 0xc0) === 0x80) continue;
    if (x < 0xc2 || x > 0xf4) return 0;
    const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
    return need > i ? i : 0;
  }
  return 0;
}

/** Offset of the first byte of `b` that does not begin a valid UTF-8 sequence. */
function firstInvalidByte(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const x = b[i]!;
    const n = x < 0x80 ? 1 : x >= 0xc2 && x <= 0xdf ? 2 : x >= 0xe0 && x <= 0xef ? 3 : x >= 0xf0 && x <= 0xf4 ? 4 : 0;
    if (n === 0 || (n > 1 && !isUtf8(b.subarray(i, i + n)))) return i;
    i += n;
  }
  return b.length;
}

function countNewlines(b: Buffer, end = b.length): number {
  let n = 0;
  for (let at = b.indexOf(10); at >= 0 && at < end; at = b.indexOf(10, at + 1)) n += 1;
  return n;
}

/**
 * Passes UTF-8 bytes through unchanged and fails with InvalidUtf8Error at
 * the first byte that is not UTF-8. `firstLine` is the line the stream starts on.
 */
export function utf8Guard(firstLine = 1): Transform {
  let carry = Buffer.alloc(0);
  let line = firstLine;
  /** Bytes of the current line seen so far (for the column). */
  let lineStart = Buffer.alloc(0);
  const fail = (body: Buffer, at: number): InvalidUtf8Error => {
    const before = body.subarray(0, at);
    const lastNewline = before.lastIndexOf(10);
    const lineBytes = lastNewline >= 0 ? before.subarray(lastNewline + 1) : Buffer.concat([lineStart, before]);
    const column = [...lineBytes.toString('utf8').replace(/^\uFEFF/, '')].length + 1;
    return new InvalidUtf8Error(line + countNewlines(before), column);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const keep = incompleteTail(data);
      const body = data.subarray(0, data.length - keep);
      carry = Buffer.from(data.subarray(data.length - keep));
      if (!isUtf8(body)) {
        const at = firstInvalidByte(body);
        this.push(body.subarray(0, at));
        done(fail(body, at));
        return;
      }
      const lastNewline = body.lastIndexOf(10);
      line += countNewlines(body);
      lineStart = lastNewline >= 0 ? Buffer.from(body.subarray(lastNewline + 1)) : Buffer.concat([lineStart, body]);
      done(null, body);
    },
    flush(done: TransformCallback) {
      if (carry.length) done(fail(carry, 0));
      else done();
    },
  });
}
