/// What an access token allows. The raw values are the OAuth 2.0 scope
/// strings (RFC 6749 §3.3) and appear in `directoryd admin token create`.
public enum Scope: String, Sendable, Hashable, Codable, CaseIterable {
    case usersRead = "scim:users:read"
    case usersWrite = "scim:users:write"
    case groupsRead = "scim:groups:read"
    case groupsWrite = "scim:groups:write"
    case schemaRead = "scim:schema:read"
    case agentRegister = "agent:register"

    /// Parses a comma- or space-separated list; unknown names are an error naming them.
    public static func parseList(_ text: String) throws(DirectoryError) -> Set<Scope> {
        var scopes = Set<Scope>()
        for name in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            guard let scope = Scope(rawValue: String(name)) else {
                let known = Scope.allCases.map(\.rawValue).joined(separator: ", ")
                throw DirectoryError.invalidArgument("unknown scope \"\(name)\"; known scopes: \(known)")
            }
            scopes.insert(scope)
        }
        return scopes
    }
}

extension Set where Element == Scope {
    /// Space-separated and sorted: the `scope` parameter's form (RFC 6749
    /// §3.3) and the stored one.
    public var scopeString: String { map(\.rawValue).sorted().joined(separator: " ") }

    /// The stored form back; names this version does not know are dropped.
    init(scopeString: String) {
        self = Set(scopeString.split(separator: " ").compactMap { Scope(rawValue: String($0)) })
    }
}
