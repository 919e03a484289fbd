import { StarlingError } from '@starling/felt';

export type SequencerErrorCode = 'SEQUENCER_STOPPED' | 'INVALID_OPTION' | 'NO_GENESIS';

/** A failure of block production. */
export class SequencerError extends StarlingError {
  declare readonly code: SequencerErrorCode;
  constructor(code: SequencerErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
