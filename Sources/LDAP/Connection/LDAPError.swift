/// What went wrong with an LDAP operation, in words an administrator can act
/// on. A struct with an open `Code` so new cases do not break callers.
public struct LDAPError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public var description: String { name }

        /// The server answered with a result code other than success; `result` has it.
        public static let serverResult = Code(name: "serverResult")
        /// No configured server could be reached; `attempts` lists each one and why.
        public static let connectFailed = Code(name: "connectFailed")
        public static let tlsFailed = Code(name: "tlsFailed")
        /// The server sent bytes that are not valid LDAP.
        public static let protocolError = Code(name: "protocolError")
        /// The connection closed while the operation was waiting.
        public static let connectionClosed = Code(name: "connectionClosed")
        /// RFC 4511 §4.4.1: the server announced it is closing the connection.
        public static let noticeOfDisconnection = Code(name: "noticeOfDisconnection")
        public static let timeout = Code(name: "timeout")
        public static let cancelled = Code(name: "cancelled")
        /// Refused before sending: a request that would be unsafe or that the
        /// server is known not to support.
        public static let invalidRequest = Code(name: "invalidRequest")
        public static let unsupportedControl = Code(name: "unsupportedControl")
    }

    /// One server tried while connecting, and why it failed.
    public struct Attempt: Sendable, CustomStringConvertible {
        public var url: String
        public var reason: String
        public var description: String { "\(url): \(reason)" }
    }

    public var code: Code
    /// The server's result, for `.serverResult` and `.noticeOfDisconnection`.
    public var result: LDAPResult?
    /// Controls of the final response (cookies of a failed sync, for example).
    public var controls: [LDAPControl]
    public var attempts: [Attempt]
    /// What was being done, e.g. "search of ou=people,dc=example,dc=test".
    public var operation: String
    public var detail: String

    public init(
        _ code: Code, operation: String = "", detail: String = "",
        result: LDAPResult? = nil, controls: [LDAPControl] = [], attempts: [Attempt] = []
    ) {
        self.code = code
        self.operation = operation
        self.detail = detail
        self.result = result
        self.controls = controls
        self.attempts = attempts
    }

    /// The server's result code, when the server answered.
    public var resultCode: LDAPResultCode? { result?.code }

    public var description: String {
        var text = operation.isEmpty ? "" : "\(operation): "
        switch code {
        case .serverResult:
            text += result.map(LDAPResultExplanation.explain) ?? "the server refused the operation"
        case .noticeOfDisconnection:
            text += "the server closed the connection (notice of disconnection)"
            if let result { text += ": " + LDAPResultExplanation.explain(result) }
        case .connectFailed:
            text += "no LDAP server could be reached: " + attempts.map(\.description).joined(separator: "; ")
        default:
            return text + detail
        }
        if !detail.isEmpty { text += " (\(detail))" }
        return text
    }
}
