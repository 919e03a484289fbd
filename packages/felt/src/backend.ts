/** Field arithmetic on bigints; the reference backend and the fast WASM one both implement it. */
export interface FieldBackend {
  readonly name: string;
  add(a: bigint, b: bigint): bigint;
  sub(a: bigint, b: bigint): bigint;
  mul(a: bigint, b: bigint): bigint;
  inv(a: bigint): bigint;
  batchInverse(values: readonly bigint[]): bigint[];
  pow(a: bigint, e: bigint): bigint;
  sqrt(a: bigint): bigint;
}
