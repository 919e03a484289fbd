import type { MaybeRelocatable, Memory } from '@starling/cairo-vm';
import { VmError } from '@starling/cairo-vm';

/** What `starling compile` records about a program's entry code (the `entry` object of its JSON). */
export interface EntryInfo {
  builtins: string[];
  returnCells: number;
  /** Cells of the Ok value when the function returns a PanicResult. */
  panicOkCells: number | undefined;
  requiredGas: number;
}

/** Reads the entry description of a compiled program JSON; undefined for other JSON. */
export function entryInfoOf(json: Record<string, unknown>): EntryInfo | undefined {
  const e = json.entry as Record<string, unknown> | undefined;
  if (e === undefined || typeof e !== 'object' || e === null) return undefined;
  const num = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new VmError('INVALID_PROGRAM', `program entry: ${what} must be a non-negative integer`);
    }
    return v;
  };
  const builtins = Array.isArray(json.builtins) ? json.builtins.map(String) : [];
  return {
    builtins,
    returnCells: num(e.return_cells, 'return_cells'),
    panicOkCells:
      e.panic_ok_cells === undefined || e.panic_ok_cells === null
        ? undefined
        : num(e.panic_ok_cells, 'panic_ok_cells'),
    requiredGas: e.required_gas === undefined ? 0 : num(e.required_gas, 'required_gas'),
  };
}

/** A short string's text, as the upstream runner shows panic data (undefined when not printable). */
export function asShortString(v: bigint): string | undefined {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let out = '';
  let ended = false;
  for (let i = 0; i < hex.length; i += 2) {
    const b = Number.parseInt(hex.slice(i, i + 2), 16);
    if (b === 0) ended = true;
    else if (ended) return undefined;
    // Rust's is_ascii_graphic or is_ascii_whitespace (which leaves out the vertical tab).
    else if ((b >= 0x21 && b <= 0x7e) || [0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(b))
      out += String.fromCharCode(b);
    else return undefined;
  }
  return out;
}

const hex = (v: bigint) => `0x${v.toString(16)}`;
const show = (v: MaybeRelocatable): string => (typeof v === 'bigint' ? hex(v) : `${v.segment}:${v.offset}`);

/**
 * Decodes a wrapped program's result ([builtins…, value] at the end of the run): the value or the
 * panic data, the remaining gas, and the lines cairo-run prints for them.
 */
export function describeResult(
  memory: Memory,
  entry: EntryInfo,
  builtins: readonly string[],
  cells: readonly MaybeRelocatable[],
): Record<string, unknown> {
  const value = cells.slice(builtins.length);
  const g = builtins.indexOf('gas_builtin');
  const gasCell = g >= 0 ? cells[g] : undefined;
  if (gasCell !== undefined && typeof gasCell !== 'bigint') {
    throw new VmError('INVALID_PROGRAM', 'the returned gas builtin is not a number');
  }
  let panicked = false;
  let values: MaybeRelocatable[] = value;
  if (entry.panicOkCells !== undefined && value.length > 0) {
    if (value[0] === 0n) values = value.slice(value.length - entry.panicOkCells);
    else {
      panicked = true;
      const start = value[value.length - 2];
      const end = value[value.length - 1];
      if (start === undefined || end === undefined || typeof start === 'bigint' || typeof end === 'bigint') {
        throw new VmError('INVALID_PROGRAM', 'the panic data is not an array');
      }
      values = memory.getFelts(start, end.offset - start.offset);
    }
  }
  const lines = [
    panicked
      ? // As Cairo 2.8's runner prints it: no separator, a printable short string after its felt.
        `Run panicked with [${values
          .map((v) => {
            const s = typeof v === 'bigint' ? asShortString(v) : undefined;
            return s === undefined ? show(v) : `${show(v)} ('${s}')`;
          })
          .join('')}].`
      : `Run completed successfully, returning [${values.map(show).join(', ')}]`,
  ];
  if (gasCell !== undefined) lines.push(`Remaining gas: ${gasCell}`);
  return {
    panicked,
    values: values.map(show),
    remaining_gas: gasCell === undefined ? null : gasCell.toString(),
    output: lines.join('\n'),
  };
}
