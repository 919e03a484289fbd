// Converts the starknet_api serde layout of the sequencer's test resources ({"Invoke": {"V3": {...}}})
// into the feeder-gateway JSON form that parseTransaction reads.
const VERSION: Record<string, string> = { V0: '0x0', V1: '0x1', V2: '0x2', V3: '0x3' };
const TYPE: Record<string, string> = {
  Invoke: 'INVOKE',
  Declare: 'DECLARE',
  DeployAccount: 'DEPLOY_ACCOUNT',
  Deploy: 'DEPLOY',
  L1Handler: 'L1_HANDLER',
};

export function fromStarknetApi(tx: Record<string, unknown>): Record<string, unknown> {
  const [kind, inner] = Object.entries(tx)[0] as [string, Record<string, unknown>];
  const type = TYPE[kind];
  if (!type) throw new Error(`unknown starknet_api transaction kind ${kind}`);
  if (kind === 'Deploy' || kind === 'L1Handler') return { type, ...inner };
  const [v, body] = Object.entries(inner)[0] as [string, Record<string, unknown>];
  return { type, version: VERSION[v], ...body };
}
