import NIOConcurrencyHelpers

/// Hands out message IDs for one connection, from any thread. RFC 4511
/// §4.1.1.1: IDs are non-zero and unique among outstanding requests; after
/// Int32.max they start again at 1.
final class LDAPMessageIDs: Sendable {
    private let last = NIOLockedValueBox<Int32>(0)

    func next() -> Int32 {
        last.withLockedValue { value in
            value = value == Int32.max ? 1 : value + 1
            return value
        }
    }
}
