/// Turns a server's result into a sentence with a remedy. Active Directory
/// hides the real reason for invalidCredentials in its diagnostic message as
/// `data 52e`; those sub-codes are spelled out (MS-ADTS / Win32 error codes).
public enum LDAPResultExplanation {
    public static func explain(_ result: LDAPResult) -> String {
        var text: String
        switch result.code {
        case .invalidCredentials:
            text = "invalid credentials"
            if let reason = activeDirectoryReason(result.diagnosticMessage) { text += ": \(reason)" }
        case .strongerAuthRequired:
            text = "the server requires a protected connection for this bind (strongerAuthRequired): use LDAPS or StartTLS"
        case .confidentialityRequired:
            text = "the server requires TLS (confidentialityRequired): use LDAPS or StartTLS"
        case .sizeLimitExceeded:
            text = "the server stopped at its size limit (sizeLimitExceeded): the read is incomplete; use paging or lift the limit for the bind account"
        case .timeLimitExceeded:
            text = "the server stopped at its time limit (timeLimitExceeded): the read is incomplete"
        case .noSuchObject:
            text = "no such object"
            if !result.matchedDN.isEmpty { text += " (the closest existing entry is \(result.matchedDN))" }
        case .insufficientAccessRights:
            text = "insufficient access rights: the bind account may not do this"
        case .unavailableCriticalExtension:
            text = "the server does not support a control marked critical (unavailableCriticalExtension)"
        case .syncRefreshRequired:
            text = "the server cannot continue from the saved sync cookie (e-syncRefreshRequired): a full refresh is needed"
        case .busy, .unavailable:
            text = "the server is \(result.code.name); try again later"
        case .referral:
            text = "the server referred the request elsewhere: " + result.referral.joined(separator: ", ")
        default:
            text = result.code.description
        }
        let diagnostic = result.diagnosticMessage.trimmingTrailingNulls()
        if !diagnostic.isEmpty { text += " — server says: \(diagnostic)" }
        return text
    }

    /// Active Directory's `AcceptSecurityContext error, data XXX` sub-reasons.
    public static func activeDirectoryReason(_ diagnostic: String) -> String? {
        let words = diagnostic.split(whereSeparator: { $0 == " " || $0 == "," })
        guard let index = words.firstIndex(of: "data"), index + 1 < words.count else { return nil }
        return activeDirectoryReasons[words[index + 1].lowercased()]
    }

    static let activeDirectoryReasons: [String: String] = [
        "525": "the user does not exist",
        "52e": "the password is wrong",
        "530": "the account may not log on at this time",
        "531": "the account may not log on from this workstation",
        "532": "the password has expired",
        "533": "the account is disabled",
        "568": "the account is in too many groups (security ID limit)",
        "701": "the account has expired",
        "773": "the user must reset the password",
        "775": "the account is locked out",
    ]
}

extension String {
    /// AD terminates diagnostic messages with a NUL.
    func trimmingTrailingNulls() -> String {
        var copy = self
        while copy.last == "\0" { copy.removeLast() }
        return copy
    }
}
