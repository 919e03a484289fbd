import { StarlingError } from '@starling/felt';

export type NodeErrorCode = 'INVALID_OPTION' | 'NODE_NOT_STARTED' | 'GENESIS_FAILED' | 'DUMP_FAILED';

/** A failure of the node's composition or lifecycle. */
export class NodeError extends StarlingError {
  declare readonly code: NodeErrorCode;
  constructor(code: NodeErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
