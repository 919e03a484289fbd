import { Ajv, type ValidateFunction } from 'ajv';
import type { SpecBundle } from './spec-bundle.js';

const MAX_REASON = 400;

/** JSON-schema validation against the component and method schemas of one spec bundle (ajv, compiled lazily). */
export class SpecValidator {
  private readonly ajv: Ajv;
  private readonly base: string;
  private readonly compiled = new Map<string, ValidateFunction>();

  /**
   * With `lenientHex`, felt-like patterns also accept leading zeros (`0x04718f…`), as clients send padded
   * addresses and other nodes accept them; results are always checked against the patterns as written.
   */
  constructor(bundle: SpecBundle, options: { lenientHex?: boolean } = {}) {
    // The OpenRPC files are not pure JSON Schema (extra keywords such as `name`, `summary`): strict off.
    this.ajv = new Ajv({ strict: false, validateSchema: false, validateFormats: false, allErrors: false });
    this.base = `starknet-spec:/${bundle.version}/`;
    for (const [file, doc] of Object.entries(bundle.documents)) {
      this.ajv.addSchema(rewrite(doc, options.lenientHex === true) as object, `${this.base}${file}`);
    }
  }

  /** The compiled validator of the schema at `file#pointer` (e.g. `/components/schemas/BLOCK_ID`). */
  validator(file: string, pointer: string): ValidateFunction {
    const ref = `${this.base}${file}#${pointer}`;
    let fn = this.compiled.get(ref);
    if (!fn) {
      fn = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, fn);
    }
    return fn;
  }

  /** Validates `value`; returns null when valid, else a short reason naming `label`. */
  check(file: string, pointer: string, value: unknown, label: string): string | null {
    const fn = this.validator(file, pointer);
    if (fn(value)) return null;
    const text = this.ajv.errorsText(fn.errors, { dataVar: label });
    return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text;
  }

  /** Validates `value` against a component schema by name, in the main API file unless `file` is given. */
  checkSchema(name: string, value: unknown, file = 'starknet_api_openrpc.json'): string | null {
    return this.check(file, `/components/schemas/${name}`, value, name);
  }
}

/**
 * The spec's `oneOf` alternatives are not mutually exclusive (its objects are open, so a full block also
 * matches PRE_CONFIRMED_BLOCK_WITH_TXS): validated literally, valid values would fail. Like other
 * conformance suites we read them as `anyOf` — at least one alternative must match.
 * The spec's CASM `CellRef` gives `offset` a minimum of 0, but cell references are signed 16-bit
 * offsets (`[fp + -6]` in every compiled class), so that bound is read as the 16-bit range.
 */
function rewrite(node: unknown, lenientHex: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, lenientHex));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const isCellRef = (node as { title?: unknown }).title === 'CellRef';
  for (const [k, v] of Object.entries(node)) {
    if (isCellRef && k === 'properties') {
      const props = rewrite(v, lenientHex) as Record<string, unknown>;
      out[k] = { ...props, offset: { type: 'integer', minimum: -32768, maximum: 32767 } };
      continue;
    }
    if (k === 'pattern' && lenientHex && typeof v === 'string' && v.startsWith('^0x(0|')) {
      out[k] = `^0x0{0,63}${v.slice(3)}`;
    } else out[k === 'oneOf' ? 'anyOf' : k] = rewrite(v, lenientHex);
  }
  return out;
}
