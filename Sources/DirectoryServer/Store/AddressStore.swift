/// Address claims between deployments. While a create that will hold an
/// address asks the peers, the address is reserved here; when a peer asks
/// about an address that is free here, the answer is a promise, kept for a
/// minute, that this deployment will not give it an account meanwhile. A
/// reservation and an answer for one address never interleave (one
/// transaction each, serialised per address), so of two deployments
/// claiming one address at once, both see the other's claim (and
/// `AddressClaim` picks the same winner on both sides) or one was promised
/// it first.
public protocol AddressStore: Sendable {
    /// Reserves the keys; returns those promised to a peer since
    /// `staleBefore` (ms), which this claim then loses.
    func reserveAddresses(_ keys: [String], reservationID: String, claimedAt: Int64, staleBefore: Int64) async throws -> Set<String>
    func releaseAddresses(reservationID: String) async throws
    /// Each key's state, for `peer`; a free key is promised to it. Claims
    /// and promises older than `staleBefore` are from writes that never
    /// finished and are ignored.
    func answerPeer(_ keys: [String], peer: String, at now: Int64, staleBefore: Int64) async throws -> [String: AddressState]
}

/// The reservation ids of promises, and whether an id is one.
enum AddressPromise {
    static func reservationID(peer: String) -> String { "promise:" + peer }
    static let prefix = "promise:"
}
