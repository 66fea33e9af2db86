import Foundation
import Hummingbird
import SCIM

/// RFC 6750 bearer tokens: finds the token's organization and scopes, or
/// answers 401 with a `WWW-Authenticate` challenge.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = DirectoryRequestContext
    let store: any DirectoryStore
    let clock: @Sendable () -> Date

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // RFC 6750 §2.1 with RFC 9110 §11.1: the scheme is case-insensitive
        // (only the seven bytes of the prefix are lower-cased, not the token).
        guard let header = request.headers[.authorization], header.utf8.prefix(7).lazy.map(Self.lowercase).elementsEqual("bearer ".utf8) else {
            return challenge("a bearer token is required")
        }
        // RFC 9110 §5.6.3: optional whitespace is spaces and tabs.
        var token = header.dropFirst("bearer ".count)
        while let first = token.first, first == " " || first == "\t" { token.removeFirst() }
        while let last = token.last, last == " " || last == "\t" { token.removeLast() }
        guard let bearer = try await store.bearer(hash: AccessTokens.hash(String(token))), bearer.token.kind != .refresh else {
            return challenge("the token is not valid")
        }
        let record = bearer.token
        if record.revokedAt != nil {
            return challenge("the token was revoked")
        }
        if let expiry = record.expiresAt, expiry <= clock() {
            return challenge("the token has expired")
        }
        var context = context
        context.organization = bearer.organization
        context.rules = bearer.rules
        context.scopes = record.scopes
        context.subjectUserID = record.subjectUserID
        context.tokenHash = record.hash
        return try await next(request, context)
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    private func challenge(_ detail: String) -> Response {
        SCIMHTTP.error(SCIMError(status: 401, detail: detail), headers: [.wwwAuthenticate: "Bearer realm=\"directoryd\", error=\"invalid_token\""])
    }
}
