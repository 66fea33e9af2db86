import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SCIM

/// The verification page of the device grant (RFC 8628 §3.3): an
/// administrator opens it, types the code the agent shows with their user
/// name and password, and approves or denies the sign-in. One small
/// self-contained HTML page; no session, no script.
struct DevicePage {
    let store: any DirectoryStore
    let service: OAuthService
    /// Password attempts per user name: five, then one a minute, so the
    /// form cannot be used to guess a password (or to burn CPU on scrypt).
    let attempts: TokenBuckets

    func add(to router: Router<DirectoryRequestContext>) {
        router.get("device") { request, _ in
            let code = request.uri.queryParameters["user_code"].map(String.init) ?? ""
            return Self.page(code: code, message: nil)
        }
        router.post("device") { request, _ in
            let form: [String: String]
            do { form = try await FormBody.read(request) } catch {
                return Self.page(code: "", message: "The form could not be read; please try again.", status: .badRequest)
            }
            let typed = form["user_code"] ?? ""
            do {
                let decision = try await decide(form)
                return Self.page(code: nil, message: decision, status: .ok)
            } catch let error as DirectoryError {
                let status: HTTPResponse.Status = switch error {
                case .unauthorized: .unauthorized
                case .forbidden: .forbidden
                case .tooManyAttempts: .tooManyRequests
                default: .badRequest
                }
                return Self.page(code: typed, message: Self.sentence(error.description), status: status)
            } catch {
                return Self.page(code: typed, message: "Something went wrong on the server; please try again.", status: .internalServerError)
            }
        }
    }

    /// Returns the sentence to show once decided.
    private func decide(_ form: [String: String]) async throws -> String {
        let typed = form["user_code"] ?? ""
        guard let code = UserCodes.normalize(typed), let authorization = try await store.deviceAuthorization(userCode: code),
              let organization = try await store.organization(id: authorization.organizationID)
        else {
            throw DirectoryError.invalidArgument("no sign-in is waiting for code \(typed); check the code the agent shows")
        }
        let userName = form["username"] ?? ""
        if let wait = attempts.take(organization.id + "\u{0}" + SCIMCaseFolding.key(userName)) {
            throw DirectoryError.tooManyAttempts("too many sign-in attempts for \(userName); try again in \(wait) seconds")
        }
        let user = try await AdministratorService(store: store, organization: organization)
            .signIn(userName: userName, password: Array((form["password"] ?? "").utf8))
        let approve = form["decision"] != "deny"
        try await service.decideDevice(userCode: code, by: user, approve: approve)
        return approve
            ? "Approved. The agent signs in to \(organization.name) within a few seconds; you can close this page."
            : "Denied. The agent was told the sign-in was refused."
    }

    static func sentence(_ text: String) -> String {
        (text.first.map { String($0).uppercased() + text.dropFirst() } ?? text) + "."
    }

    /// The form, or (with `code` nil) only the message.
    static func page(code: String?, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        var body = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in a DirectorySync agent</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
            label{display:block;margin-top:1rem}input{width:100%;padding:.4rem;font-size:1rem}
            button{margin-top:1.2rem;padding:.5rem 1rem;font-size:1rem}p.message{padding:.6rem;background:#f3f3f3}</style>
            </head><body><h1>Sign in a DirectorySync agent</h1>
            """
        if let message { body += "<p class=\"message\" role=\"status\">\(escape(message))</p>" }
        if let code {
            body += """
                <p>Enter the code the agent shows, and sign in as an owner or administrator of the organization.</p>
                <form method="post" action="/device">
                <label>Code <input name="user_code" value="\(escape(code))" autocomplete="off" required></label>
                <label>User name <input name="username" autocomplete="username" required></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                <button name="decision" value="approve">Approve</button> <button name="decision" value="deny">Deny</button>
                </form>
                """
        }
        body += "</body></html>"
        let headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
            HTTPField.Name("X-Frame-Options")!: "DENY",
        ]
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
