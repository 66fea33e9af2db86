import NIOConcurrencyHelpers

/// The root DSE, read once per connection when a critical control is first
/// sent.
final class RootDSECache: Sendable {
    let value = NIOLockedValueBox<LDAPRootDSE?>(nil)
}

extension LDAPConnection {
    /// The root DSE, read on first use and remembered for this connection.
    public func rootDSE() async throws -> LDAPRootDSE {
        if let cached = rootDSECache.value.withLockedValue({ $0 }) { return cached }
        let dse = try await readRootDSE()
        rootDSECache.value.withLockedValue { $0 = dse }
        return dse
    }

    /// RFC 4511 §4.1.11: a server that does not know a critical control must
    /// refuse the operation. Checking the root DSE's supportedControl first
    /// gives a clearer error, naming the control, before anything is sent.
    func checkCriticalControls(_ controls: [LDAPControl], label: String) async throws {
        let critical = controls.filter(\.criticality)
        guard !critical.isEmpty else { return }
        let supported = try await rootDSE().supportedControls
        if let missing = critical.first(where: { !supported.contains($0.oid) }) {
            throw LDAPError(
                .unsupportedControl, operation: label,
                detail: "\(url) does not support the \(KnownControls.name(missing.oid)) control (it is not in the root DSE's supportedControl)"
            )
        }
    }

    /// Rewrites unavailableCriticalExtension (12) into an error naming the controls sent.
    static func explainingCriticalControls(_ error: any Error, controls: [LDAPControl]) -> any Error {
        // Written in steps: the one-line `guard var … == …` form crashes the
        // Swift 6.3 optimizer (ownership verification) in release builds.
        guard let original = error as? LDAPError else { return error }
        let code = original.result.map(\.code.rawValue) ?? 0
        guard code == LDAPResultCode.unavailableCriticalExtension.rawValue else { return error }
        let names = controls.filter(\.criticality).map { KnownControls.name($0.oid) }
        var rewritten = original
        rewritten.code = .unsupportedControl
        rewritten.detail = "the server refused the critical control(s) " + names.joined(separator: ", ")
        return rewritten
    }
}
