import Agent
import ArgumentParser
import SyncEngine

/// `dsync mapping …`: maintenance of the configuration's `mapping` section.
struct MappingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping", abstract: "Check and maintain the field mapping.", subcommands: [MappingPruneCommand.self])
}

/// `dsync mapping prune`: removes mappings to fields the target does not have.
struct MappingPruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove mappings to fields the target does not have (field-deleted, field-unknown) from the configuration file.")

    @OptionGroup var options: AgentOptions

    @Flag(name: .customLong("dry-run"), help: "Show what would be removed without changing the file.")
    var dryRun = false

    func run() async throws {
        let outcome = try await options.withEnvironment { environment in
            try await MappingPruner(environment: environment, path: options.config).prune(dryRun: dryRun)
        }
        print(RunText.prune(outcome, path: options.config, dryRun: dryRun))
        if !outcome.result.kept.isEmpty { throw ExitCode(2) }
    }
}
