import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import { Assembler } from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { AppError } from '../../contract/errors';

const CHUNK_BYTES = 1 << 20;
/**
 * Kolada's and JSON-stat's documents nest four or five levels; a file nested thousands deep is not
 * one of them, and turning its values to text (for a reject) would overflow the stack.
 */
const MAX_NESTING = 64;

/** Takes a streamed member's elements one at a time: its index in an array, or its key in an object. */
export type ElementSink = (key: number | string, element: unknown) => void;

/** The value of a token that is a whole JSON value by itself, or `NOT_SCALAR` for the start of an object or array. */
const NOT_SCALAR = Symbol('not a scalar');

function scalarOf(token: Token): unknown {
  switch (token.name) {
    case 'numberValue':
      return Number(token.value);
    case 'stringValue':
    case 'nullValue':
    case 'trueValue':
    case 'falseValue':
      return token.value;
    default:
      return NOT_SCALAR;
  }
}

/**
 * Reads a JSON file whose top level is an object, in bounded memory: a member named in `streamed`
 * whose value is an array or an object is handed to its sink one element at a time and never held;
 * every other member is assembled as `JSON.parse` would and kept in `members`, which fills as the
 * file is read (a sink may look at the members that came before its own).
 */
export class JsonObjectReader {
  readonly members: Record<string, unknown> = {};
  /** How each streamed member came; a streamed member that was a scalar is in `members` instead. */
  readonly streamedAs: Record<string, 'array' | 'object'> = {};

  private depth = 0;
  private member: string | null = null;
  /** The streamed member being read, and where in it. */
  private sink: ElementSink | null = null;
  private index = 0;
  private elementKey: string | null = null;
  /** Assembles a nested value: a whole member, or one element of a streamed member. */
  private readonly assembler = new Assembler();
  private assembling: 'member' | 'element' | null = null;

  constructor(
    private readonly path: string,
    private readonly streamed: Record<string, ElementSink>,
  ) {}

  /** Reads the whole file; `onBytes` hears how many bytes each chunk had. */
  async read(onBytes: (bytes: number) => void = () => {}): Promise<void> {
    // A flushable stage takes the `none` marker as its last input, which its typing leaves out.
    const parse = jsonParser({ packValues: true, streamValues: false }) as (text: string | typeof none) => ReturnType<ReturnType<typeof jsonParser>>;
    const decoder = new StringDecoder('utf8');
    let bytes = 0;
    let first = true;
    for await (const chunk of createReadStream(this.path, { highWaterMark: CHUNK_BYTES })) {
      let text = decoder.write(chunk as Buffer);
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      this.take(this.tokens(() => parse(text), bytes));
      bytes += (chunk as Buffer).length;
      onBytes((chunk as Buffer).length);
    }
    // Flushing is where a file cut off part way shows: the tokenizer still expects a value.
    this.take(this.tokens(() => parse(none), bytes, true));
  }

  /** The tokenizer's output for one step; its errors (and only its) mean the file is not JSON. */
  private tokens(step: () => ReturnType<ReturnType<typeof jsonParser>>, offset: number, atEnd = false): Token[] {
    let result: ReturnType<typeof step>;
    try {
      result = step();
    } catch (error) {
      const name = basename(this.path);
      const detail = (error as Error).message;
      throw new AppError(
        'FILE_MALFORMED',
        atEnd ? `${name} is not valid JSON: it ends before the document does (${detail}); the file may be cut off.` : `${name} is not valid JSON (after byte ${offset}): ${detail}`,
        { problem: atEnd ? 'jsonCutOff' : 'jsonInvalid' },
      );
    }
    if (result === none) return [];
    return isMany(result) ? getManyValues(result) : [result as Token];
  }

  /** How deep the tokens so far are nested, over the whole document. */
  private nesting = 0;

  private take(tokens: readonly Token[]): void {
    for (const token of tokens) {
      if (token.name === 'startObject' || token.name === 'startArray') {
        if (++this.nesting > MAX_NESTING) throw new AppError('INVALID_ARGUMENT', `${basename(this.path)} nests arrays and objects more than ${MAX_NESTING} deep; it is not a Kolada or JSON-stat file.`);
      } else if (token.name === 'endObject' || token.name === 'endArray') this.nesting--;
      if (this.assembling) this.assemble(token);
      else if (this.sink) this.element(token);
      else this.topLevel(token);
    }
  }

  private topLevel(token: Token): void {
    if (this.depth === 0) {
      if (token.name !== 'startObject') throw new AppError('INVALID_ARGUMENT', `${basename(this.path)} does not hold a JSON object.`);
      this.depth = 1;
      return;
    }
    if (token.name === 'keyValue') {
      this.member = token.value;
      return;
    }
    if (token.name === 'endObject') {
      this.depth = 0;
      return;
    }
    const member = this.member!;
    const scalar = scalarOf(token);
    if (scalar !== NOT_SCALAR) {
      this.members[member] = scalar;
    } else if (Object.hasOwn(this.streamed, member)) {
      this.sink = this.streamed[member]!;
      this.streamedAs[member] = token.name === 'startArray' ? 'array' : 'object';
      this.index = 0;
      this.elementKey = null;
    } else {
      this.assembling = 'member';
      this.assembler.consume(token);
    }
  }

  private element(token: Token): void {
    if (token.name === 'keyValue') {
      this.elementKey = token.value;
      return;
    }
    if (token.name === 'endArray' || token.name === 'endObject') {
      this.sink = null;
      return;
    }
    const scalar = scalarOf(token);
    if (scalar !== NOT_SCALAR) {
      this.deliver(scalar);
      return;
    }
    this.assembling = 'element';
    this.assembler.consume(token);
  }

  private assemble(token: Token): void {
    this.assembler.consume(token);
    if (!this.assembler.done) return;
    const value = this.assembler.current;
    if (this.assembling === 'member') this.members[this.member!] = value;
    else this.deliver(value);
    this.assembling = null;
  }

  private deliver(element: unknown): void {
    this.sink!(this.elementKey ?? this.index++, element);
  }
}
