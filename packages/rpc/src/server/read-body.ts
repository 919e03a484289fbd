import type { IncomingMessage } from 'node:http';

/** A request body, or the fact that it exceeded the limit (the rest is drained, not stored). */
export type BodyResult = { ok: true; text: string } | { ok: false; bytes: number };

// Past this multiple of the limit the connection is cut instead of drained.
const DRAIN_FACTOR = 4;

/** Reads a request body up to `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= limit) chunks.push(chunk);
      else if (bytes > limit * DRAIN_FACTOR) {
        resolve({ ok: false, bytes });
        req.destroy();
      }
    });
    req.on('end', () => {
      if (bytes > limit) resolve({ ok: false, bytes });
      else resolve({ ok: true, text: Buffer.concat(chunks, bytes).toString('utf8') });
    });
    req.on('error', reject);
  });
}
