// Test account for the execution package: its constructor records the block info it sees and may
// call another contract, so that a DEPLOY_ACCOUNT shows the validation-mode syscall rules that
// apply to the constructor (rounded block number and timestamp, no sequencer, no outside calls).
use starknet::ContractAddress;
use starknet::account::Call;

#[starknet::interface]
trait IValidatingAccount<TContractState> {
    fn __validate_deploy__(self: @TContractState, class_hash: felt252, salt: felt252, call_out: felt252) -> felt252;
    fn __validate__(self: @TContractState, calls: Array<Call>) -> felt252;
    fn __execute__(ref self: TContractState, calls: Array<Call>) -> Array<Span<felt252>>;
    fn seen(self: @TContractState) -> (u64, u64, ContractAddress);
}

#[starknet::contract(account)]
mod ValidatingAccount {
    use starknet::{ContractAddress, SyscallResultTrait, get_block_info};
    use starknet::account::Call;
    use starknet::syscalls::call_contract_syscall;
    use starknet::storage::{StoragePointerReadAccess, StoragePointerWriteAccess};

    #[storage]
    struct Storage {
        seen_block: u64,
        seen_time: u64,
        seen_sequencer: ContractAddress,
    }

    #[constructor]
    fn constructor(ref self: ContractState, call_out: felt252) {
        let info = get_block_info().unbox();
        self.seen_block.write(info.block_number);
        self.seen_time.write(info.block_timestamp);
        self.seen_sequencer.write(info.sequencer_address);
        if call_out != 0 {
            let to: ContractAddress = call_out.try_into().unwrap();
            call_contract_syscall(to, selector!("noop"), array![].span()).unwrap_syscall();
        }
    }

    #[abi(embed_v0)]
    impl AccountImpl of super::IValidatingAccount<ContractState> {
        fn __validate_deploy__(self: @ContractState, class_hash: felt252, salt: felt252, call_out: felt252) -> felt252 {
            'VALID'
        }
        fn __validate__(self: @ContractState, calls: Array<Call>) -> felt252 {
            'VALID'
        }
        fn __execute__(ref self: ContractState, calls: Array<Call>) -> Array<Span<felt252>> {
            array![]
        }
        fn seen(self: @ContractState) -> (u64, u64, ContractAddress) {
            (self.seen_block.read(), self.seen_time.read(), self.seen_sequencer.read())
        }
    }
}
