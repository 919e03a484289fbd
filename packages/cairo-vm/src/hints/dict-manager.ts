import { vmError } from '../errors.js';
import type { MaybeRelocatable, Relocatable } from '../types.js';
import type { VirtualMachine } from '../vm/vm.js';

interface DictTracker {
  readonly data: Map<bigint, MaybeRelocatable>;
  readonly idx: number;
  readonly start: Relocatable;
  /** The dictionary's end pointer, once its segment is finalized (temporary-segment mode). */
  end: Relocatable | undefined;
}

/**
 * Tracks Felt252Dict segments and their current values (the hint-side dictionary state). With
 * temporary segments, every dictionary after the first lives in a temporary segment that
 * `relocateAll` later places right after the previous one (the reference runner's
 * RelocateAllDictionaries cheatcode, used by cairo1-run in proof mode).
 */
export class DictManager {
  readonly trackers = new Map<number, DictTracker>();
  /** Trackers in allocation order. */
  readonly ordered: DictTracker[] = [];
  /** Set once relocateAll has added its rules (the cheatcode, or the runner at the end of a run). */
  relocated = false;

  /** Allocates a dictionary segment (temporary after the first, unless disabled). */
  newDict(vm: VirtualMachine, noTemporarySegments: boolean): Relocatable {
    const seg =
      this.trackers.size === 0 || noTemporarySegments ? vm.memory.addSegment() : vm.memory.addTempSegment();
    const start = { segment: seg.index, offset: 0 };
    const t: DictTracker = { data: new Map(), idx: this.trackers.size, start, end: undefined };
    this.trackers.set(seg.index, t);
    this.ordered.push(t);
    return start;
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

  /** Records a dictionary's end pointer when it is squashed (once per dictionary). */
  finalize(end: Relocatable): void {
    const t = this.tracker(end);
    if (t.end !== undefined) {
      throw vmError(
        'HINT_FAILED',
        `dictionary ${t.idx} is already finalized (end ${t.end.segment}:${t.end.offset}, now ${end.segment}:${end.offset})`,
      );
    }
    t.end = end;
  }

  /**
   * Adds relocation rules placing each temporary dictionary segment after the previous dictionary:
   * the second at the first one's end, each next one a cell past the previous one's relocated end.
   */
  relocateAll(vm: VirtualMachine): void {
    const first = this.ordered[0];
    if (first === undefined || this.relocated) return;
    this.relocated = true;
    if (first.start.segment < 0)
      throw vmError('RELOCATION', 'the first dictionary segment must not be temporary');
    let prev = first.end ?? { segment: 0, offset: 0 };
    for (const t of this.ordered.slice(1)) {
      if (t.start.segment >= 0)
        throw vmError('RELOCATION', `dictionary ${t.idx} is not in a temporary segment`);
      vm.memory.addRelocationRule(t.start.segment, prev);
      const len = (t.end ?? t.start).offset - t.start.offset;
      prev = { segment: prev.segment, offset: prev.offset + len + 1 };
    }
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
