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

    @Option(help: "How many active users the plan allows.")
    var seats = 100

    func validate() throws {
        guard !name.isEmpty else { throw ValidationError("--name must not be empty.") }
        guard seats >= 0 else { throw ValidationError("--seats must be 0 or more.") }
    }

    func run() async throws {
        let organization = Organization(name: name, deployment: deployment, plan: Plan(name: plan, seatLimit: seats))
        try await store.openStore().createOrganization(organization)
        if output.json {
            let json: JSON = [
                "id": .string(organization.id), "name": .string(name), "deployment": .string(deployment),
                "plan": .string(plan), "seats": .number(Double(seats)),
            ]
            print(json.serializedString())
        } else {
            print("created organization \(organization.id) (\(name), deployment \(deployment), plan \(plan) with \(seats) seats)")
        }
    }
}
