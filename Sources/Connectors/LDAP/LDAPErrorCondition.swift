import LDAP
public import SyncEngine

/// Which condition of the catalogue an LDAP failure is, per docs/ldap.md:
/// the administrator reads the remedy of the condition, not a result code.
public enum LDAPErrorCondition {
    /// The condition of a failure to connect or bind.
    public static func connecting(_ error: any Error) -> ConditionCode {
        guard let error = error as? LDAPError else { return .dcUnavailable }
        switch error.code {
        case .tlsFailed:
            return .tlsUntrusted
        case .connectFailed:
            // Every server failed; if one of them failed on its certificate,
            // that is the problem to fix (plaintext is never a fallback).
            let trustProblem = error.attempts.contains { attempt in
                let reason = attempt.reason.lowercased()
                return reason.contains("not trusted") || reason.contains("certificate")
            }
            return trustProblem ? .tlsUntrusted : .dcUnavailable
        case .serverResult:
            return result(error.resultCode)
        default:
            return .dcUnavailable
        }
    }

    /// The condition of a search that failed: whatever it is, the read is
    /// incomplete; the code tells the administrator what to do about it.
    public static func searching(_ error: any Error) -> ConditionCode {
        guard let error = error as? LDAPError, error.code == .serverResult else { return .sourceReadIncomplete }
        switch error.resultCode {
        case .sizeLimitExceeded?, .timeLimitExceeded?, .adminLimitExceeded?: return .ldapSizeLimit
        case .insufficientAccessRights?: return .ldapInsufficientRights
        case .strongerAuthRequired?, .confidentialityRequired?: return .ldapStrongAuthRequired
        default: return .sourceReadIncomplete
        }
    }

    /// RFC 4511 §4.1.9 result codes of a bind.
    static func result(_ code: LDAPResultCode?) -> ConditionCode {
        switch code {
        case .invalidCredentials?, .inappropriateAuthentication?: .ldapBindFailed
        case .strongerAuthRequired?, .confidentialityRequired?: .ldapStrongAuthRequired
        case .insufficientAccessRights?: .ldapInsufficientRights
        case .busy?, .unavailable?: .dcUnavailable
        default: .ldapBindFailed
        }
    }
}
