import SCIM
import Synchronization
import SyncEngine

/// The real target, with its calls counted: tells whether the executor
/// used Bulk requests or single ones.
final class CountingTarget: Target {
    let target: any Target
    let calls = Mutex<[String: Int]>([:])
    /// Lookups in flight now, and the most there were at once.
    let finding = Mutex<(now: Int, peak: Int)>((0, 0))
    /// Called with each call's name, before it goes to the target.
    let onCall: @Sendable (String) -> Void
    /// Awaited with a create's or a Bulk request's name once the target
    /// answered it (to change the directory between two writes).
    let afterWrite: @Sendable (String) async -> Void

    init(
        _ target: any Target, onCall: @escaping @Sendable (String) -> Void = { _ in },
        afterWrite: @escaping @Sendable (String) async -> Void = { _ in }
    ) {
        self.target = target
        self.onCall = onCall
        self.afterWrite = afterWrite
    }

    func count(_ name: String) -> Int { calls.withLock { $0[name, default: 0] } }
    private func called(_ name: String) {
        calls.withLock { $0[name, default: 0] += 1 }
        onCall(name)
    }

    func capabilities() async throws -> TargetCapabilities { try await target.capabilities() }
    func schema() async throws -> TargetSchema { try await target.schema() }
    func directory() async throws -> TargetDirectory { try await target.directory() }

    func create(_ kind: ObjectKind, externalID: String, fields: [String: JSON], members: [String]) async throws -> TargetObject {
        called("create")
        let created = try await target.create(kind, externalID: externalID, fields: fields, members: members)
        await afterWrite("create")
        return created
    }

    func update(_ kind: ObjectKind, id: String, set: [String: JSON], remove: [String], version: String?) async throws {
        called("update")
        try await target.update(kind, id: id, set: set, remove: remove, version: version)
    }

    func deactivate(userID: String, version: String?) async throws {
        called("deactivate")
        try await target.deactivate(userID: userID, version: version)
    }

    func delete(_ kind: ObjectKind, id: String, version: String?) async throws {
        called("delete")
        try await target.delete(kind, id: id, version: version)
    }

    func changeMembers(groupID: String, add: [String], remove: [String], version: String?) async throws {
        called("changeMembers")
        try await target.changeMembers(groupID: groupID, add: add, remove: remove, version: version)
    }

    func find(_ kind: ObjectKind, by key: TargetKey) async throws -> TargetObject? {
        called("find")
        finding.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
        defer { finding.withLock { $0.now -= 1 } }
        return try await target.find(kind, by: key)
    }

    func bulk(_ writes: [TargetWrite], within capabilities: TargetCapabilities) async throws -> [TargetWriteResult] {
        called("bulk")
        let results = try await target.bulk(writes, within: capabilities)
        await afterWrite("bulk")
        return results
    }
}
