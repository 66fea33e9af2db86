import NIOSSL

/// Words for TLS failures: the one an administrator meets most is an
/// untrusted or mismatched certificate, so say that plainly.
enum TLSErrorDescription {
    static func describe(_ error: NIOSSLError) -> String {
        switch error {
        case .handshakeFailed(let inner):
            return describe(inner)
        case .unableToValidateCertificate:
            return "the server's certificate could not be validated"
        default:
            return "TLS failed: \(error)"
        }
    }

    static func describe(_ error: BoringSSLError) -> String {
        let text = "\(error)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's certificate is not trusted (is the issuing CA installed or given with --ca-file?): \(text)"
        }
        return "TLS failed: \(text)"
    }
}
