import ArgumentParser

/// `directoryd admin …`: administration on the same data as the service.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Administer organizations and tokens (works on the same data folder as serve).",
        subcommands: [
            OrgCommand.self, UserCommand.self, DomainCommand.self, FieldCommand.self, PlanCommand.self, ClientCommand.self,
            TokenCommand.self, DeviceCommand.self,
        ]
    )
}

struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Organizations.",
        subcommands: [OrgCreateCommand.self]
    )
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "API tokens.",
        subcommands: [TokenCreateCommand.self]
    )
}

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plans and seat limits.",
        subcommands: [PlanSetCommand.self]
    )
}
