public import Foundation

/// A pending device authorization (RFC 8628 §3.2): the agent shows the
/// user code, an administrator approves it, the agent's polling turns it
/// into tokens once.
public struct DeviceAuthorization: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case pending, approved, denied
        /// Tokens were issued; the device code cannot be used again.
        case used
    }

    /// SHA-256 of the device code; the code itself goes to the client only.
    public var deviceCodeHash: String
    /// What the administrator types, normalised (`BCDFGHJK`); shown as
    /// `BCDF-GHJK`.
    public var userCode: String
    public var clientID: String
    public var organizationID: String
    public var scopes: Set<Scope>
    public var status: Status
    /// The administrator who approved (or denied) it.
    public var subjectUserID: String?
    public var createdAt: Date
    public var expiresAt: Date
    /// Seconds the client must wait between polls (RFC 8628 §3.5).
    public var interval: Int
    public var lastPolledAt: Date?

    public init(
        deviceCodeHash: String, userCode: String, clientID: String, organizationID: String, scopes: Set<Scope>,
        status: Status = .pending, subjectUserID: String? = nil, createdAt: Date, expiresAt: Date, interval: Int,
        lastPolledAt: Date? = nil
    ) {
        self.deviceCodeHash = deviceCodeHash
        self.userCode = userCode
        self.clientID = clientID
        self.organizationID = organizationID
        self.scopes = scopes
        self.status = status
        self.subjectUserID = subjectUserID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.interval = interval
        self.lastPolledAt = lastPolledAt
    }
}

/// User codes (RFC 8628 §6.1): eight letters from an alphabet without
/// vowels (no words) and without look-alikes, about 34.5 bits, typed in
/// any case with or without the dash.
public enum UserCodes {
    static let alphabet = Array("BCDFGHJKLMNPQRSTVWXZ")

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The code as stored, from what a person typed; nil when it cannot be one.
    public static func normalize(_ typed: String) -> String? {
        let letters = typed.uppercased().filter { $0 != "-" && !$0.isWhitespace }
        guard letters.count == 8, letters.allSatisfy(alphabet.contains) else { return nil }
        return letters
    }

    public static func display(_ code: String) -> String {
        code.count == 8 ? "\(code.prefix(4))-\(code.suffix(4))" : code
    }
}

/// What one poll of the token endpoint with a device code means
/// (RFC 8628 §3.5); decided without I/O from the stored authorization.
public enum DevicePoll: Sendable, Hashable {
    case pending
    case slowDown(newInterval: Int)
    case denied
    case expired
    /// Approved: tokens may be issued, once.
    case approved
    /// Already exchanged for tokens.
    case used

    public static func decide(_ authorization: DeviceAuthorization, at now: Date) -> DevicePoll {
        if authorization.status == .used { return .used }
        if now >= authorization.expiresAt { return .expired }
        switch authorization.status {
        case .denied: return .denied
        case .approved: return .approved
        case .used: return .used
        case .pending:
            if let last = authorization.lastPolledAt, now.timeIntervalSince(last) < Double(authorization.interval) {
                // §3.5: "the interval MUST be increased by 5 seconds for
                // this and all subsequent requests".
                return .slowDown(newInterval: authorization.interval + 5)
            }
            return .pending
        }
    }
}
