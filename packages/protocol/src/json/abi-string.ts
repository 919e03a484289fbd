// The ABI string that is hashed into a Sierra class hash, for ABIs given as JSON values.
// Declared classes carry the ABI as a string and that exact string is hashed; compiler output
// carries it as a JSON array, which clients (starknet.js, starknet-rs) serialise the way Python's
// json.dumps does by default: ", " and ": " separators and non-ASCII characters escaped as \uXXXX.

/** Serialises a JSON value as Python's json.dumps with default settings. */
export function pythonJsonString(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return pythonQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonString).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${pythonQuote(k)}: ${pythonJsonString(v)}`).join(', ')}}`;
  }
  return 'null';
}

function pythonQuote(s: string): string {
  return JSON.stringify(s).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The ABI as the string to hash: a string is taken verbatim, a JSON value is serialised as above. */
export function abiString(abi: unknown): string {
  return typeof abi === 'string' ? abi : pythonJsonString(abi);
}
