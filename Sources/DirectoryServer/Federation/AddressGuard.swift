import Foundation
import SCIM

/// Makes sure an address gets an account in one deployment only. Before a
/// write that gives a user new addresses, they are reserved here and every
/// peer is asked; held elsewhere, or claimed elsewhere first, is
/// `exists-in-other-deployment`; a peer that cannot answer fails the write
/// with 503 rather than risk a duplicate. Without peers it only runs the write.
public struct AddressGuard: Sendable {
    let store: any DirectoryStore
    let federation: Federation?
    /// A reservation older than this was left by a crash and is ignored.
    static let reservationLifetime: TimeInterval = 60

    var confirmsWithPeers: Bool { !(federation?.peers.isEmpty ?? true) }

    /// `keys` is evaluated only with peers to confirm with: a single
    /// deployment's create does not compute them here too (the store does).
    public func claim<Result: Sendable>(_ keys: @autoclosure () -> [String], write: () async throws -> Result) async throws -> Result {
        guard let federation, !federation.peers.isEmpty else { return try await write() }
        let keys = keys()
        guard !keys.isEmpty else { return try await write() }
        let reservation = UUID().uuidString
        let claimedAt = Timestamps.milliseconds(Date())
        let staleBefore = claimedAt - Int64(Self.reservationLifetime * 1000)
        let promised = try await store.reserveAddresses(keys, reservationID: reservation, claimedAt: claimedAt, staleBefore: staleBefore)
        do {
            // The peers' answers say best why an address is not ours; a
            // promise made to a peer decides when they do not.
            try await confirm(keys, claimedAt: claimedAt, federation: federation)
            if let key = promised.sorted().first {
                throw DirectoryError.rule(
                    .existsInOtherDeployment, attribute: "emails",
                    detail: "the address \(key) is being given an account in another deployment at this moment"
                )
            }
            let result = try await write()
            try? await store.releaseAddresses(reservationID: reservation)
            return result
        } catch {
            try? await store.releaseAddresses(reservationID: reservation)
            throw error
        }
    }

    private func confirm(_ keys: [String], claimedAt: Int64, federation: Federation) async throws {
        let client = PeerClient(federation: federation)
        let answers = try await withThrowingTaskGroup(of: (Federation.Peer, [String: AddressState]).self) { group in
            for peer in federation.peers {
                group.addTask { (peer, try await client.states(of: keys, at: peer)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for (peer, states) in answers.sorted(by: { $0.0.id < $1.0.id }) {
            for key in keys {
                let theirs = states[key] ?? .free
                guard AddressClaim.wins(mine: (claimedAt, federation.deployment), theirs: theirs, theirDeployment: peer.id) else {
                    let detail = theirs == .held
                        ? "the address \(key) has an account in deployment \(peer.id)"
                        : "the address \(key) is being given an account in deployment \(peer.id) at this moment"
                    throw DirectoryError.rule(.existsInOtherDeployment, attribute: "emails", detail: detail)
                }
            }
        }
    }
}
