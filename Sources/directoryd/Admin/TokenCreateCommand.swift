import ArgumentParser
import DirectoryServer
import SCIM

/// `directoryd admin token create`: the token is printed once and stored
/// only as a hash.
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Mint an API token for an organization (printed once).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The organization's id.")
    var org: String

    @Option(help: "Scopes, comma-separated: \(Scope.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scopes = "scim:users:read,scim:users:write,scim:groups:read,scim:groups:write,scim:schema:read"

    @Option(help: "A label to recognise the token by.")
    var label = "api"

    func run() async throws {
        let parsedScopes: Set<Scope>
        do { parsedScopes = try Scope.parseList(scopes) } catch { throw ValidationError("\(error)") }
        let directory = try await store.openStore()
        guard try await directory.organization(id: org) != nil else {
            throw ValidationError("No organization \(org) in \(store.location).")
        }
        let token = AccessTokens.mint()
        try await directory.saveToken(AccessTokenRecord(hash: AccessTokens.hash(token), organizationID: org, scopes: parsedScopes, label: label))
        if output.json {
            let json: JSON = ["token": .string(token), "organization": .string(org), "scopes": .array(parsedScopes.map(\.rawValue).sorted().map(JSON.string))]
            print(json.serializedString())
        } else {
            print(token)
        }
    }
}
