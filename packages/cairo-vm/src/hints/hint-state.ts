import type { Relocatable } from '../types.js';
import { DictManager, type DictSquashState } from './dict-manager.js';

/** Per-run state shared by hints (the reference VM's exec scopes). */
export class HintState {
  readonly dicts = new DictManager();
  squash: DictSquashState | undefined;
  excludedArc: number | undefined;
  constSizeNext: Relocatable | undefined;
  readonly debugOutput: bigint[][] = [];
  /** Starknet runs allocate real segments for every dictionary. */
  noTemporarySegments: boolean;
  private seed = 0x2545f4914f6cdd1dn;

  constructor(noTemporarySegments = true) {
    this.noTemporarySegments = noTemporarySegments;
  }

  /** 248 pseudo-random bits (RandomEcPoint only needs some point on the curve). */
  random(): bigint {
    let out = 0n;
    for (let i = 0; i < 4; i++) {
      this.seed = (this.seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      out = (out << 62n) | (this.seed >> 2n);
    }
    return out;
  }
}
