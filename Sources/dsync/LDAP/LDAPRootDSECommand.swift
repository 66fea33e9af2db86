import ArgumentParser
import LDAP

/// `dsync ldap rootdse`: what the server is and supports.
struct LDAPRootDSECommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rootdse",
        abstract: "Read the server's root DSE: vendor, naming contexts, supported controls."
    )

    @OptionGroup var connection: LDAPConnectionOptions

    func run() async throws {
        let configuration = try connection.makeConfiguration()
        do {
            let ldap = try await LDAPConnection.connect(configuration, logger: connection.makeLogger())
            let dse = try await ldap.readRootDSE()
            await ldap.close()
            print("server: \(ldap.url)")
            print("vendor: \(dse.vendor)")
            for context in dse.namingContexts { print("namingContext: \(context)") }
            if let defaultContext = dse.defaultNamingContext { print("defaultNamingContext: \(defaultContext)") }
            for oid in dse.supportedControls.sorted() { print("supportedControl: \(KnownControls.name(oid))") }
            for oid in dse.supportedExtensions.sorted() { print("supportedExtension: \(oid)") }
        } catch {
            printError("dsync: \(error)")
            throw ExitCode.failure
        }
    }
}
