import ArgumentParser
import DirectoryServer
import Foundation
import SCIM

/// `directoryd admin device approve|deny`: decides a device sign-in from
/// the command line, as the /device page does in a browser.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "Device sign-ins (RFC 8628).", subcommands: [DeviceApproveCommand.self, DeviceDenyCommand.self]
    )
}

struct DeviceApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve the code a signing-in agent shows.")

    @OptionGroup var decision: DeviceDecisionOptions

    func run() async throws {
        try await decision.decide(approve: true)
    }
}

struct DeviceDenyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deny", abstract: "Deny the code a signing-in agent shows.")

    @OptionGroup var decision: DeviceDecisionOptions

    func run() async throws {
        try await decision.decide(approve: false)
    }
}

struct DeviceDecisionOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The user code the agent shows, e.g. BCDF-GHJK.")
    var userCode: String

    @Option(name: .customLong("as"), help: "The userName of the owner or administrator deciding.")
    var administrator: String

    func decide(approve: Bool) async throws {
        let directory = try await store.openStore()
        guard let normalized = UserCodes.normalize(userCode),
              let authorization = try await directory.deviceAuthorization(userCode: normalized),
              let organization = try await directory.organization(id: authorization.organizationID)
        else {
            throw ValidationError("No sign-in is waiting for code \(userCode); check the code the agent shows.")
        }
        guard let user = try await AdministratorService(store: directory, organization: organization).user(named: administrator) else {
            throw ValidationError("No user \(administrator) in organization \(organization.name).")
        }
        let service = OAuthService(store: directory, policy: OAuthPolicy(), clock: { Date() })
        do {
            try await service.decideDevice(userCode: normalized, by: user, approve: approve)
        } catch let error as DirectoryError {
            throw ValidationError(error.description)
        }
        let decision = approve ? "approved" : "denied"
        if output.json {
            print(JSON.object(["userCode": .string(UserCodes.display(normalized)), "decision": .string(decision)]).serializedString())
        } else {
            print("sign-in \(UserCodes.display(normalized)) \(decision) by \(user.userName)")
        }
    }
}
