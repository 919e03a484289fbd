// The compressed form of a Sierra program (base64 of gzip of the JSON list of hex felts), as some
// feeder-gateway and p2p payloads carry it.
import { gunzipSync } from 'node:zlib';
import { ProtocolError } from '../errors.js';
import { readFeltArray } from '../parse.js';

/** Decodes a compressed Sierra program into its felts. */
export function decompressSierraProgram(base64: string): bigint[] {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw new ProtocolError('INVALID_FIELD', 'compressed Sierra program is not base64');
  }
  let text: string;
  try {
    text = gunzipSync(Buffer.from(base64, 'base64')).toString('utf8');
  } catch (e) {
    throw new ProtocolError('INVALID_FIELD', 'compressed Sierra program is not gzip data', {}, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProtocolError('INVALID_FIELD', 'compressed Sierra program is not JSON', {}, { cause: e });
  }
  return readFeltArray(json, 'sierra_program');
}
