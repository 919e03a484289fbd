// Test contract for the execution package: an L1 handler, L2→L1 messages, events and nested
// calls, which no class shipped on npm provides.
#[starknet::interface]
trait IMessaging<TContractState> {
    fn send_to_l1(ref self: TContractState, to_address: felt252, payload: Span<felt252>);
    fn get_balance(self: @TContractState, user: felt252) -> felt252;
    fn fail(ref self: TContractState, reason: felt252);
}

#[starknet::contract]
mod Messaging {
    use starknet::syscalls::send_message_to_l1_syscall;
    use starknet::SyscallResultTrait;
    use starknet::storage::{Map, StorageMapReadAccess, StorageMapWriteAccess};

    #[storage]
    struct Storage {
        balances: Map<felt252, felt252>,
    }

    #[event]
    #[derive(Drop, starknet::Event)]
    enum Event {
        Deposited: Deposited,
    }

    #[derive(Drop, starknet::Event)]
    struct Deposited {
        #[key]
        from_address: felt252,
        user: felt252,
        amount: felt252,
    }

    #[l1_handler]
    fn deposit(ref self: ContractState, from_address: felt252, user: felt252, amount: felt252) {
        self.balances.write(user, self.balances.read(user) + amount);
        self.emit(Deposited { from_address, user, amount });
    }

    #[abi(embed_v0)]
    impl MessagingImpl of super::IMessaging<ContractState> {
        fn send_to_l1(ref self: ContractState, to_address: felt252, payload: Span<felt252>) {
            send_message_to_l1_syscall(to_address, payload).unwrap_syscall();
        }
        fn get_balance(self: @ContractState, user: felt252) -> felt252 {
            self.balances.read(user)
        }
        fn fail(ref self: ContractState, reason: felt252) {
            panic(array![reason]);
        }
    }
}
