/** The Starknet JSON-RPC spec versions this server speaks. */
export type SpecVersion = '0.10.3' | '0.9.0';

/** JSON-RPC 2.0 request id. */
export type JsonRpcId = string | number | null;

/** A JSON-RPC 2.0 error object. */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** A JSON-RPC 2.0 response. */
export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId; error: JsonRpcErrorObject };
