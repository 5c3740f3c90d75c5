/**
 * Reads one import file as a stream of records, never the whole file at
 * once: CSV through csv-parse, JSON Lines line by line. Bytes must be UTF-8
 * (a BOM is allowed in both formats); the first byte that is not stops the
 * file with its line and column. A syntax error in one record is reported
 * with its line and reading goes on with the next record it can find.
 */
import { createReadStream } from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CsvError, Parser } from 'csv-parse';
import type { ImportKind } from '../domains.js';
import { columnsOf, csvValue } from './importFormats.js';
import { InvalidUtf8Error, utf8Guard } from './utf8Guard.js';

/** One record read from a file, or a problem (`line: reason`) where none could be read. */
export type ReadItem = { line: number; raw: Record<string, unknown>; problem?: undefined } | { line: number; raw?: undefined; problem: string };

/** Drops the lines before `fromLine` (1-based), to resume a file after a record that could not be read. */
function skipLines(fromLine: number): Transform {
  let toSkip = fromLine - 1;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      while (toSkip > 0) {
        const at = chunk.indexOf(10);
        if (at < 0) {
          done();
          return;
        }
        chunk = chunk.subarray(at + 1);
        toSkip -= 1;
      }
      done(null, chunk);
    },
  });
}

function bytesFrom(file: string, fromLine: number) {
  const guard = utf8Guard(fromLine);
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  return (fromLine > 1 ? stream.pipe(skipLines(fromLine)) : stream).on('error', (e: Error) => guard.destroy(e)).pipe(guard);
}

const invalidUtf8 = (error: InvalidUtf8Error): ReadItem => ({ line: error.line, problem: error.message });

/** Counts the line breaks inside a record's values, to find the line it starts on. */
function breaksIn(values: string[]): number {
  let n = 0;
  for (const v of values) for (let at = v.indexOf('\n'); at >= 0; at = v.indexOf('\n', at + 1)) n += 1;
  return n;
}

/** A record csv-parse gave, and the line (of the file) it ends on. */
type Parsed = { record: string[]; lines: number };

/**
 * csv-parse's stream, handing over each record with the line it ends on:
 * what its `info` option gives as `info.lines`, read at the same moment,
 * without the info object it builds for every record (~8% of a check pass).
 */
class LineParser extends Parser {
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    return super.push(record === null ? null : { record, lines: this.info.lines }, encoding);
  }
}

/**
 * The records a stream has parsed, every one buffered at each turn, not one
 * promise per record: the per-record hand-over was a large part of a check
 * pass. Throws the stream's error once the records before it are handed over.
 */
async function* drain(stream: Readable): AsyncGenerator<Parsed[]> {
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  stream.on('readable', notify);
  stream.on('end', () => {
    ended = true;
    notify();
  });
  stream.on('error', (error: Error) => {
    failure = error;
    notify();
  });
  for (;;) {
    const batch: Parsed[] = [];
    for (let r = stream.read() as Parsed | null; r !== null; r = stream.read() as Parsed | null) batch.push(r);
    if (batch.length) yield batch;
    else if (failure) throw failure;
    else if (ended || stream.destroyed) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}

async function* readCsv(file: string, kind: ImportKind): AsyncGenerator<ReadItem[]> {
  const allowed = new Set(columnsOf(kind));
  let columns: string[] | null = null;
  let fromLine = 1;
  for (;;) {
    const parser = new LineParser({ bom: true, skip_empty_lines: true, relax_column_count: true, skip_records_with_error: true });
    let skipped: ReadItem[] = [];
    let unclosed = false;
    let lastLine = fromLine - 1;
    parser.on('skip', (error: CsvError) => {
      // Raised only at the end of the input: the quote took in the rest of the file.
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
      else skipped.push({ line: fromLine - 1 + Number(error.lines ?? 1), problem: error.message.replace(/ at line \d+/, '') });
    });
    const source = bytesFrom(file, fromLine);
    source.on('error', (error: Error) => parser.destroy(error));
    source.pipe(parser);
    try {
      for await (const parsed of drain(parser)) {
        // Records and skipped records in file order: a skipped one comes before the records after it.
        const out: ReadItem[] = [];
        const skips = skipped;
        skipped = [];
        let s = 0;
        for (const { record, lines } of parsed) {
          const end = fromLine - 1 + lines;
          const line = end - breaksIn(record);
          while (s < skips.length && skips[s]!.line < line) out.push(skips[s++]!);
          lastLine = end;
          if (!columns) {
            columns = record.map((c) => c.trim());
            const unknown = columns.filter((c) => !allowed.has(c));
            if (unknown.length) {
              out.push({ line, problem: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; ${kind} have the columns ${columnsOf(kind).join(', ')}` });
              yield out;
              parser.destroy();
              return;
            }
            continue;
          }
          if (record.length !== columns.length) {
            out.push({ line, problem: `has ${record.length} fields, but the header has ${columns.length}` });
            continue;
          }
          const raw: Record<string, unknown> = {};
          for (let i = 0; i < columns.length; i += 1) {
            const value = csvValue(kind, columns[i]!, record[i]!);
            if (value !== undefined) raw[columns[i]!] = value;
          }
          out.push({ line, raw });
        }
        while (s < skips.length) out.push(skips[s++]!);
        if (out.length) yield out;
      }
    } catch (error) {
      if (error instanceof InvalidUtf8Error) {
        yield [...skipped, invalidUtf8(error)];
        return;
      }
      throw error;
    }
    if (skipped.length) yield skipped;
    if (!unclosed) return;
    const opened = lastLine + 1;
    yield [{ line: opened, problem: 'a quoted field that starts on this line is never closed (a " is missing); checking goes on with the next line' }];
    fromLine = opened + 1;
  }
}

async function* readJsonLines(file: string, kind: ImportKind): AsyncGenerator<ReadItem[]> {
  const allowed = new Set(columnsOf(kind));
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  const parseLine = (text: string): ReadItem | null => {
    line += 1;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!text.trim()) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { line, problem: 'not valid JSON' };
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { line, problem: 'must be a JSON object' };
    for (const key of Object.keys(raw)) {
      if (!allowed.has(key)) {
        const unknown = Object.keys(raw).filter((k) => !allowed.has(k));
        return { line, problem: `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; ${kind} have ${columnsOf(kind).join(', ')}` };
      }
    }
    return { line, raw: raw as Record<string, unknown> };
  };
  try {
    for await (const chunk of bytesFrom(file, 1) as AsyncIterable<Buffer>) {
      const text = pending + decoder.write(chunk);
      const out: ReadItem[] = [];
      let start = 0;
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
        const item = parseLine(text.slice(start, at > start && text.charCodeAt(at - 1) === 13 ? at - 1 : at));
        if (item) out.push(item);
        start = at + 1;
      }
      pending = text.slice(start);
      if (out.length) yield out;
    }
  } catch (error) {
    if (error instanceof InvalidUtf8Error) {
      yield [invalidUtf8(error)];
      return;
    }
    throw error;
  }
  const rest = pending + decoder.end();
  if (rest) {
    const item = parseLine(rest.replace(/\r$/, ''));
    if (item) yield [item];
  }
}

/** The records of one file (`.csv`, `.jsonl` or `.ndjson`) of the given kind, in file order, in batches as they are read. */
export function readImportBatches(file: string, kind: ImportKind): AsyncGenerator<ReadItem[]> {
  return /\.csv$/i.test(file) ? readCsv(file, kind) : readJsonLines(file, kind);
}

/** The records of one file (`.csv`, `.jsonl` or `.ndjson`) of the given kind, in file order. */
export async function* readImportFile(file: string, kind: ImportKind): AsyncGenerator<ReadItem> {
  for await (const items of readImportBatches(file, kind)) yield* items;
}
