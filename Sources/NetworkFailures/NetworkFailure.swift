#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import NIOSSL

/// Words for a failed connection, the same wherever the agent connects (the
/// directory, the mail server): the address tried and what the system said
/// of it, a name that does not resolve, a timeout, a certificate refused.
/// NIO's own descriptions ("connection reset (error set): Connection
/// refused (errno: 111)") name the call that failed, not the situation.
public enum NetworkFailure {
    /// `caHint`: how this connection is given a CA, for a certificate that
    /// is not trusted (e.g. "give its CA in `caFile`"); `address`: the host
    /// and port connected to, for failures that do not carry it.
    public static func describe(_ error: any Error, caHint: String, address: String? = nil) -> String {
        if let error = error as? NIOSSLError, case .handshakeFailed(let inner) = error {
            return describeTLS("\(inner)", caHint: caHint, address: address)
        }
        if let error = error as? BoringSSLError {
            return describeTLS("\(error)", caHint: caHint, address: address)
        }
        if let error = error as? NIOSSLExtraError {
            return "the server's certificate was refused (\(error))"
        }
        if let error = error as? NIOSSLError {
            return "TLS failed (\(error))"
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.count == 1, let only = error.connectionErrors.first {
                let address = "\(only.target.ipAddress ?? "?"):\(only.target.port ?? 0)"
                return describe(only.error, caHint: caHint, address: address)
            }
            // One failure per address tried.
            let reasons = error.connectionErrors.map { failure in
                let address = "\(failure.target.ipAddress ?? "?"):\(failure.target.port ?? 0)"
                return "\(address): \(describe(failure.error, caHint: caHint, address: address))"
            }
            return reasons.isEmpty ? "the host name \(error.host) does not resolve" : reasons.joined(separator: "; ")
        }
        if let error = error as? IOError {
            return describe(errno: error.errnoCode, address: address ?? "that address and port")
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout(let amount): return "no connection within \(amount.nanoseconds / 1_000_000_000) s"
            case .eof, .outputClosed, .alreadyClosed, .ioOnClosedChannel: return "the server closed the connection"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }

    /// Whether the server's certificate was refused (not trusted, expired,
    /// or for another name): sending again cannot help.
    public static func isCertificateProblem(_ error: any Error) -> Bool {
        if error is NIOSSLExtraError { return true }
        if let error = error as? NIOSSLError, case .handshakeFailed(let inner) = error {
            return "\(inner)".contains("CERTIFICATE_VERIFY_FAILED")
        }
        return false
    }

    /// Whether the server does not speak TLS at all (a plain port): sending
    /// again cannot help either.
    public static func isNotTLS(_ error: any Error) -> Bool {
        guard let error = error as? NIOSSLError, case .handshakeFailed(let inner) = error else { return false }
        return isPlainPort("\(inner)")
    }

    /// What BoringSSL says when the other end answers a handshake with
    /// something else (an HTTP or LDAP answer), or closes.
    static func isPlainPort(_ text: String) -> Bool {
        text.contains("WRONG_VERSION_NUMBER") || text.contains("EOF during handshake")
    }

    /// A failed handshake by what BoringSSL said.
    static func describeTLS(_ text: String, caHint: String, address: String?) -> String {
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's certificate is not trusted (\(caHint)) or does not name the host (\(text))"
        }
        if isPlainPort(text) {
            return "\(address ?? "the server") does not speak TLS: is it a plain port (ldap://, http://) given as a TLS one (ldaps://, https://)?"
        }
        return "the TLS handshake failed (\(text))"
    }

    /// A connection's system error, with what it usually means.
    static func describe(errno code: Int32, address: String) -> String {
        let text = String(cString: strerror(code)).lowercased()
        switch code {
        case ECONNREFUSED: return "\(text): nothing listens at \(address)"
        case ECONNRESET: return "\(text): the server or something on the way closed the connection"
        case EHOSTUNREACH, ENETUNREACH: return "\(text): no route to the host from here"
        case ETIMEDOUT: return "\(text): the host did not answer"
        default: return text
        }
    }
}
