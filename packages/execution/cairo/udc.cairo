// Universal Deployer Contract (UDC), deployed at genesis at the address that starknet.js uses
// (0x02ceed65a4bd731034c01113685c831b01c15d7d432f71afb1cf1634b53a2125). Same interface and event
// as the OpenZeppelin UDC: deploy_contract(class_hash, salt, not_from_zero, calldata).
use starknet::{ClassHash, ContractAddress};

#[starknet::interface]
trait IUniversalDeployer<TContractState> {
    fn deploy_contract(
        ref self: TContractState,
        class_hash: ClassHash,
        salt: felt252,
        not_from_zero: bool,
        calldata: Span<felt252>,
    ) -> ContractAddress;
}

#[starknet::contract]
mod UniversalDeployer {
    use core::pedersen::pedersen;
    use starknet::{ClassHash, ContractAddress, SyscallResultTrait, get_caller_address};
    use starknet::syscalls::deploy_syscall;

    #[storage]
    struct Storage {}

    #[event]
    #[derive(Drop, starknet::Event)]
    enum Event {
        ContractDeployed: ContractDeployed,
    }

    #[derive(Drop, starknet::Event)]
    struct ContractDeployed {
        address: ContractAddress,
        deployer: ContractAddress,
        not_from_zero: bool,
        class_hash: ClassHash,
        calldata: Span<felt252>,
        salt: felt252,
    }

    #[abi(embed_v0)]
    impl UniversalDeployerImpl of super::IUniversalDeployer<ContractState> {
        fn deploy_contract(
            ref self: ContractState,
            class_hash: ClassHash,
            salt: felt252,
            not_from_zero: bool,
            calldata: Span<felt252>,
        ) -> ContractAddress {
            let deployer = get_caller_address();
            let mut final_salt = salt;
            if not_from_zero {
                // pedersen(deployer, salt): the unique-deployment salt that starknet.js assumes.
                final_salt = pedersen(deployer.into(), salt);
            }
            let (address, _) = deploy_syscall(class_hash, final_salt, calldata, !not_from_zero)
                .unwrap_syscall();
            self.emit(ContractDeployed { address, deployer, not_from_zero, class_hash, calldata, salt });
            address
        }
    }
}
