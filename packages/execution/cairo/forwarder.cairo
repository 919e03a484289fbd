// Test contract for the execution package: hashes for a while, then calls another contract, so that
// a call that fails outside Cairo (an undeployed target) aborts a frame that has already run steps.
use starknet::ContractAddress;

#[starknet::interface]
trait IForwarder<TContractState> {
    fn hash_then_call(self: @TContractState, rounds: felt252, to: ContractAddress, selector: felt252) -> felt252;
    fn noop(self: @TContractState) -> felt252;
}

#[starknet::contract]
mod Forwarder {
    use core::pedersen::pedersen;
    use starknet::{ContractAddress, SyscallResultTrait};
    use starknet::syscalls::call_contract_syscall;

    #[storage]
    struct Storage {}

    #[abi(embed_v0)]
    impl ForwarderImpl of super::IForwarder<ContractState> {
        fn hash_then_call(
            self: @ContractState, rounds: felt252, to: ContractAddress, selector: felt252,
        ) -> felt252 {
            let mut acc = 0;
            let mut i = 0;
            while i != rounds {
                acc = pedersen(acc, i);
                i += 1;
            };
            call_contract_syscall(to, selector, array![].span()).unwrap_syscall();
            acc
        }
        fn noop(self: @ContractState) -> felt252 {
            0
        }
    }
}
