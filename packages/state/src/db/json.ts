/** JSON with bigints written as 0x-hex strings (documents: headers, transactions, receipts, classes). */
export function encodeJson(value: unknown): Buffer {
  return Buffer.from(
    JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)),
    'utf8',
  );
}

/** Parses a document written by encodeJson. */
export function decodeJson<T = unknown>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as T;
}
