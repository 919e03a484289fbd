// One JSON-RPC call over HTTP, for the end-to-end tests.

/** The response of `method` at `base`; results are JSON the tests check field by field. */
export async function rpcAt(base: string, method: string, params: unknown = {}) {
  const r = await fetch(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: results are JSON checked field by field
  return (await r.json()) as { result?: any; error?: { code: number; message: string; data?: unknown } };
}
