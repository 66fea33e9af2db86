import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SCIM

/// The OAuth 2.0 endpoints: token (RFC 6749 §3.2), device authorization
/// (RFC 8628 §3.1), revocation (RFC 7009) and the server's metadata
/// (RFC 8414). Forms in, JSON out, never cached.
struct OAuthRoutes {
    let service: OAuthService
    let configuration: DirectoryServerConfiguration

    func add(to router: Router<DirectoryRequestContext>) {
        router.post("oauth/token") { request, _ in
            await answer {
                let form = try await Self.form(request)
                let grant = try await service.token(
                    grantType: form["grant_type"], parameters: form, credentials: try Self.credentials(request, form)
                )
                var json: JSONObject = [
                    "access_token": .string(grant.accessToken), "token_type": "Bearer",
                    "expires_in": .number(Double(grant.expiresIn)), "scope": .string(grant.scopes.scopeString),
                ]
                if let refresh = grant.refreshToken { json["refresh_token"] = .string(refresh) }
                return Self.json(.object(json))
            }
        }
        router.post("oauth/device_authorization") { request, _ in
            await answer {
                let form = try await Self.form(request)
                let grant = try await service.authorizeDevice(
                    scope: form["scope"], credentials: try Self.credentials(request, form),
                    verificationURI: configuration.publicBaseURL + "/device"
                )
                return Self.json([
                    "device_code": .string(grant.deviceCode), "user_code": .string(UserCodes.display(grant.userCode)),
                    "verification_uri": .string(grant.verificationURI),
                    "verification_uri_complete": .string(grant.verificationURIComplete),
                    "expires_in": .number(Double(grant.expiresIn)), "interval": .number(Double(grant.interval)),
                ])
            }
        }
        router.post("oauth/revoke") { request, _ in
            await answer {
                let form = try await Self.form(request)
                if let hint = form["token_type_hint"], hint != "access_token", hint != "refresh_token" {
                    throw OAuthError(.unsupportedTokenType, "token_type_hint \(hint) is not access_token or refresh_token")
                }
                try await service.revoke(token: form["token"], credentials: try Self.credentials(request, form))
                return Response(status: .ok, headers: Self.noStore)
            }
        }
        router.get(".well-known/oauth-authorization-server") { _, _ in
            let base = configuration.publicBaseURL
            return Self.json([
                "issuer": .string(base),
                "token_endpoint": .string(base + "/oauth/token"),
                "device_authorization_endpoint": .string(base + "/oauth/device_authorization"),
                "revocation_endpoint": .string(base + "/oauth/revoke"),
                "grant_types_supported": .array(OAuthGrantType.allCases.map { .string($0.rawValue) }),
                "scopes_supported": .array(Scope.allCases.map { .string($0.rawValue) }),
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
                "revocation_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
                "response_types_supported": [],
            ])
        }
    }

    static let noStore: HTTPFields = [.cacheControl: "no-store", HTTPField.Name("Pragma")!: "no-cache"]

    static func json(_ json: JSON, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = noStore
        headers[.contentType] = "application/json"
        for field in extra { headers.append(field) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: json.serialized())))
    }

    static func form(_ request: Request) async throws -> [String: String] {
        do {
            return try await FormBody.read(request)
        } catch {
            switch error {
            case .wrongContentType(let type):
                throw OAuthError(.invalidRequest, "Content-Type must be application/x-www-form-urlencoded, not \(type ?? "none")")
            case .tooLarge: throw OAuthError(.invalidRequest, "the request body is too large")
            case .malformed(let part): throw OAuthError(.invalidRequest, "the form is malformed near \"\(part)\"")
            case .repeated(let name): throw OAuthError(.invalidRequest, "parameter \(name) is given more than once")
            }
        }
    }

    /// RFC 6749 §2.3.1: HTTP Basic or the body parameters, not both.
    static func credentials(_ request: Request, _ form: [String: String]) throws -> ClientCredentials? {
        let header = request.headers[.authorization]
        if let header {
            guard let basic = FormBody.basicCredentials(header) else {
                throw OAuthError(.invalidClient, "the Authorization header is not valid HTTP Basic client authentication")
            }
            guard form["client_secret"] == nil else {
                throw OAuthError(.invalidRequest, "the client authenticated twice (HTTP Basic and client_secret); use one")
            }
            if let id = form["client_id"], id != basic.id {
                throw OAuthError(.invalidRequest, "client_id differs from the client in the Authorization header")
            }
            return ClientCredentials(id: basic.id, secret: basic.secret)
        }
        return form["client_id"].map { ClientCredentials(id: $0, secret: form["client_secret"]) }
    }

    /// Runs a handler and turns its errors into RFC 6749 §5.2 answers.
    private func answer(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as OAuthError {
            let headers: HTTPFields = error.code == .invalidClient ? [.wwwAuthenticate: "Basic realm=\"directoryd\""] : [:]
            return Self.json(
                ["error": .string(error.code.rawValue), "error_description": .string(error.detail)],
                status: HTTPResponse.Status(code: error.status), headers: headers
            )
        } catch {
            return Self.json(["error": "server_error", "error_description": "internal error; the server log has the detail"], status: .internalServerError)
        }
    }
}
