import ArgumentParser
import DirectoryServer
import SCIM

/// `directoryd admin plan set`: a new plan or seat limit for an organization.
struct PlanSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Set an organization's plan and seat limit.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The organization's id.")
    var org: String

    @Option(help: "The plan's name.")
    var plan: String

    // Unconditional: `--seats -5` is this option's (refused below), not an option "-5".
    @Option(parsing: .unconditional, help: "How many active users the plan allows.")
    var seats: Int

    func validate() throws {
        guard seats >= 0 else { throw ValidationError("--seats must be 0 or more.") }
    }

    func run() async throws {
        guard try await store.openStore().setPlan(Plan(name: plan, seatLimit: seats), organizationID: org) else {
            throw ValidationError("No organization \(org) in \(store.location).")
        }
        if output.json {
            let json: JSON = ["id": .string(org), "plan": .string(plan), "seats": .number(Double(seats))]
            print(json.serializedString())
        } else {
            print("organization \(org) is now on plan \(plan) with \(seats) seats")
        }
    }
}
