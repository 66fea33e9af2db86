import ArgumentParser
import DirectoryServer
import SCIM

/// `directoryd admin org create`.
struct OrgCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an organization.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The organization's name.")
    var name: String

    @Option(help: "The deployment (data center) that holds it.")
    var deployment = "us"

    @Option(help: "The plan's name.")
    var plan = "standard"

    // Unconditional: `--seats -5` is this option's (refused below), not an option "-5".
    @Option(parsing: .unconditional, help: "How many active users the plan allows.")
    var seats = 100

    @Option(help: "The first owner's userName (email); their password comes from --owner-password-file or a prompt.")
    var owner: String?

    @Option(name: .customLong("owner-password-file"), help: "File holding the first owner's password.")
    var ownerPasswordFile: String?

    func validate() throws {
        guard !name.isEmpty else { throw ValidationError("--name must not be empty.") }
        guard seats >= 0 else { throw ValidationError("--seats must be 0 or more.") }
        if ownerPasswordFile != nil, owner == nil { throw ValidationError("--owner-password-file needs --owner.") }
    }

    func run() async throws {
        let organization = Organization(name: name, deployment: deployment, plan: Plan(name: plan, seatLimit: seats))
        let password = try owner.map { try PasswordInput.read(file: ownerPasswordFile, option: "--owner-password-file", prompt: "Password for \($0): ") }
        let directory = try await store.openStore()
        try await directory.createOrganization(organization)
        var ownerID: String?
        if let owner {
            ownerID = try await AdministratorService(store: directory, organization: organization).add(userName: owner, role: .owner, password: password).id
        }
        if output.json {
            var json: JSON = [
                "id": .string(organization.id), "name": .string(name), "deployment": .string(deployment),
                "plan": .string(plan), "seats": .number(Double(seats)),
            ]
            if let ownerID { json["owner"] = .string(ownerID) }
            print(json.serializedString())
        } else {
            print("created organization \(organization.id) (\(name), deployment \(deployment), plan \(plan) with \(seats) seats)")
        }
    }
}
