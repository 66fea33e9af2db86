import NetworkFailures
import NIOSSL

/// Words for TLS failures (`NetworkFailure`'s): the one an administrator
/// meets most is an untrusted or mismatched certificate, so say that plainly.
enum TLSErrorDescription {
    static let caHint = "is the issuing CA installed, or given in `caFile` (`--ca-file` for `dsync ldap`)?"

    static func describe(_ error: any Error) -> String {
        NetworkFailure.describe(error, caHint: caHint)
    }
}
