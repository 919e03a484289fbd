import type { Relocatable } from '../types.js';
import type { VirtualMachine } from '../vm/vm.js';

/**
 * The extension point through which a host (the execution layer) answers
 * StarknetHint::SystemCall. The request starts at `syscallPtr` ([selector, gas, inputs…]);
 * the handler writes the response right after the request in the same segment.
 */
export interface SyscallHandler {
  systemCall(vm: VirtualMachine, syscallPtr: Relocatable): void;
  /** Optional: test-only Cheatcode hints; absent means they are rejected. */
  cheatcode?(vm: VirtualMachine, selector: bigint, input: bigint[]): bigint[];
}
