import ArgumentParser
import DirectoryServer
import SCIM

/// `directoryd admin user add`: a person with a directory role.
struct UserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user with a directory role (owner, admin, member).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The organization's id.")
    var org: String

    @Option(name: .customLong("user-name"), help: "The user's userName, usually the email address.")
    var userName: String

    @Option(help: "owner, admin or member.")
    var role: String = "member"

    @Option(name: .customLong("password-file"), help: "File holding the password owners and admins sign in with (otherwise prompted for; members need none).")
    var passwordFile: String?

    func run() async throws {
        guard let directoryRole = DirectoryRole(rawValue: role) else {
            throw ValidationError("--role must be owner, admin or member, not \(role).")
        }
        let directory = try await store.openStore()
        guard let organization = try await directory.organization(id: org) else {
            throw ValidationError("No organization \(org) in \(store.location).")
        }
        let password = directoryRole.isPrivileged || passwordFile != nil
            ? try PasswordInput.read(file: passwordFile, option: "--password-file", prompt: "Password for \(userName): ") : nil
        let user = try await AdministratorService(store: directory, organization: organization).add(userName: userName, role: directoryRole, password: password)
        if output.json {
            let json: JSON = ["id": .string(user.id), "userName": .string(userName), "role": .string(directoryRole.rawValue)]
            print(json.serializedString())
        } else {
            print("added \(userName) (\(user.id)) as \(directoryRole.rawValue)")
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Users with directory roles.", subcommands: [UserAddCommand.self])
}
