import { vmError } from '../errors.js';
import type { MaybeRelocatable, Relocatable } from '../types.js';
import type { VirtualMachine } from '../vm/vm.js';

interface DictTracker {
  readonly data: Map<bigint, MaybeRelocatable>;
  readonly idx: number;
}

/** Tracks Felt252Dict segments and their current values (the hint-side dictionary state). */
export class DictManager {
  readonly trackers = new Map<number, DictTracker>();

  /** Allocates a dictionary segment (temporary after the first, unless disabled). */
  newDict(vm: VirtualMachine, noTemporarySegments: boolean): Relocatable {
    const seg =
      this.trackers.size === 0 || noTemporarySegments ? vm.memory.addSegment() : vm.memory.addTempSegment();
    this.trackers.set(seg.index, { data: new Map(), idx: this.trackers.size });
    return { segment: seg.index, offset: 0 };
  }

  tracker(ptr: Relocatable): DictTracker {
    const t = this.trackers.get(ptr.segment);
    if (t === undefined) throw vmError('HINT_FAILED', `segment ${ptr.segment} is not a known dictionary`);
    return t;
  }

  get(ptr: Relocatable, key: bigint): MaybeRelocatable {
    return this.tracker(ptr).data.get(key) ?? 0n;
  }

  set(ptr: Relocatable, key: bigint, value: MaybeRelocatable): void {
    this.tracker(ptr).data.set(key, value);
  }
}

/** State of the dict-squash hints: access indices per key and the descending key list. */
export class DictSquashState {
  readonly accessIndices = new Map<bigint, bigint[]>();
  keys: bigint[] = [];

  currentKey(): bigint {
    const k = this.keys[this.keys.length - 1];
    if (k === undefined) throw vmError('HINT_FAILED', 'dict squash: no current key');
    return k;
  }

  currentIndices(): bigint[] {
    const l = this.accessIndices.get(this.currentKey());
    if (l === undefined) throw vmError('HINT_FAILED', 'dict squash: no accesses for the current key');
    return l;
  }

  currentIndex(): bigint {
    const l = this.currentIndices();
    const v = l[l.length - 1];
    if (v === undefined) throw vmError('HINT_FAILED', 'dict squash: no current access index');
    return v;
  }

  popCurrentKey(): void {
    const key = this.currentKey();
    const l = this.accessIndices.get(key);
    if (l === undefined || l.length !== 1) {
      throw vmError('HINT_FAILED', 'dict squash: key popped before all its accesses were processed');
    }
    this.accessIndices.delete(key);
    this.keys.pop();
  }
}
