import ArgumentParser

/// `dsync ldap …`: diagnostics that talk to an LDAP server directly.
struct LDAPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ldap",
        abstract: "Talk to an LDAP or Active Directory server directly (diagnostics).",
        subcommands: [LDAPSearchCommand.self, LDAPRootDSECommand.self]
    )
}
