import ArgumentParser
import DirectoryServer
import SCIM

/// `directoryd admin client add`: registers an OAuth 2.0 client; a
/// confidential client's secret is printed once and stored only as a hash.
struct ClientAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register an OAuth 2.0 client of an organization.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The organization's id.")
    var org: String

    @Option(help: "A name to recognise the client by.")
    var name: String

    @Option(help: "confidential (holds a secret: automation) or public (the dsync agent, signing in on a device).")
    var kind = "confidential"

    @Option(help: "Scopes the client may ask for, comma-separated: \(Scope.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scopes = "scim:users:read,scim:users:write,scim:groups:read,scim:groups:write,scim:schema:read"

    @Option(help: "Grants, comma-separated: client-credentials, device-code, refresh-token (default: client-credentials for confidential clients, device-code and refresh-token for public ones).")
    var grants: String?

    func run() async throws {
        guard let clientKind = OAuthClient.Kind(rawValue: kind) else {
            throw ValidationError("--kind must be confidential or public, not \(kind).")
        }
        let parsedScopes: Set<Scope>
        do { parsedScopes = try Scope.parseList(scopes) } catch { throw ValidationError("\(error)") }
        var grantTypes = OAuthClient.defaultGrantTypes(for: clientKind)
        if let grants {
            grantTypes = []
            for name in grants.split(separator: ",") {
                guard let grant = OAuthGrantType(shortName: String(name)) else {
                    throw ValidationError("Unknown grant \(name); known: client-credentials, device-code, refresh-token.")
                }
                guard OAuthClient.allowed(grant, for: clientKind) else {
                    throw ValidationError("A public client cannot use client-credentials: it has no secret to authenticate with.")
                }
                grantTypes.insert(grant)
            }
        }
        let directory = try await store.openStore()
        guard try await directory.organization(id: org) != nil else {
            throw ValidationError("No organization \(org) in \(store.location).")
        }
        let secret = clientKind == .confidential ? AccessTokens.mint(prefix: "dss_") : nil
        let client = OAuthClient(
            organizationID: org, name: name, kind: clientKind, secretHash: secret.map(AccessTokens.hash),
            scopes: parsedScopes, grantTypes: grantTypes
        )
        try await directory.saveClient(client)
        if output.json {
            var json: JSONObject = [
                "client_id": .string(client.id), "kind": .string(clientKind.rawValue), "organization": .string(org),
                "scopes": .array(parsedScopes.map(\.rawValue).sorted().map(JSON.string)),
                "grants": .array(grantTypes.map(\.shortName).sorted().map(JSON.string)),
            ]
            if let secret { json["client_secret"] = .string(secret) }
            print(JSON.object(json).serializedString())
        } else {
            print("client_id: \(client.id)")
            if let secret { print("client_secret: \(secret)  (shown once; store it now)") }
        }
    }
}

struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "client", abstract: "OAuth 2.0 clients.", subcommands: [ClientAddCommand.self])
}
