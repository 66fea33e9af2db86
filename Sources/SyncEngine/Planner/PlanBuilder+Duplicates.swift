import Dispatch
import SCIM

/// `duplicate-in-source`: users whose userName or an email is also another
/// user's are all left out.
extension PlanBuilder {
    /// The users to map that share a userName or email key
    /// (`ObjectMapper.uniqueKeys`) with another user: with another user to
    /// map, with an unchanged user (the keys last written for it) or, after
    /// an incremental read, with a linked user not read. Keys come from the
    /// key fields alone, so a user whose other fields are invalid still
    /// counts here; `findDuplicates` then decides among these users, with
    /// what fully maps. A user not contested has no key in common with any
    /// user `findDuplicates` sees, so it can never be a duplicate.
    func contestedUsers(
        _ toMap: some Collection<Anchor>, settled: [(anchor: Anchor, keys: [String])], mapper: ObjectMapper
    ) -> Set<Anchor> {
        // Keys by their hash: two keys with one hash (nearly never) only
        // make their users wait for the exact check.
        var owner: [Int: Anchor] = [:]
        owner.reserveCapacity(toMap.count * 2)
        var contested: Set<Anchor> = []
        let users = toMap.compactMap { anchor in read.objects[anchor].flatMap { $0.kind == .user ? (anchor, $0) : nil } }
        for ((anchor, _), hashes) in zip(users, Self.keyHashes(of: users, mapper: mapper)) {
            for hash in hashes {
                // One lookup of the key when it is new (nearly always).
                guard let first = owner.updateValue(anchor, forKey: hash) else { continue }
                owner[hash] = first
                guard first != anchor else { continue }
                contested.insert(first)
                contested.insert(anchor)
            }
        }
        guard !owner.isEmpty else { return [] }
        for (anchor, keys) in settled {
            for key in Self.addressKeys(keys) { if let first = owner[key.hashValue], first != anchor { contested.insert(first) } }
        }
        for (anchor, link) in read.snapshotComplete ? [:] : state.links
        where link.kind == .user && read.objects[anchor] == nil && !read.deleted.contains(anchor) {
            for key in Self.addressKeys(link.uniqueKeys) { if let first = owner[key.hashValue], first != anchor { contested.insert(first) } }
        }
        return contested
    }

    /// The hashes of each user's unique keys, made on two threads: before
    /// an initial sync's first create, nothing else runs (the read is over,
    /// nothing is sent yet), and mapping the key fields of 100,000 users
    /// took one core 0.2 s while the other waited.
    static func keyHashes(of users: [(anchor: Anchor, object: SourceObject)], mapper: ObjectMapper) -> [[Int]] {
        var hashes = [[Int]](repeating: [], count: users.count)
        let parts = users.count < 2_000 ? 1 : 2
        let size = (users.count + parts - 1) / parts
        hashes.withUnsafeMutableBufferPointer { buffer in
            // Each thread writes its own part; the mapper only reads.
            nonisolated(unsafe) let output = buffer
            nonisolated(unsafe) let mapper = mapper
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                for index in part * size..<min(users.count, (part + 1) * size) {
                    output[index] = mapper.uniqueKeys(users[index].object).map(\.hashValue)
                }
            }
        }
        return hashes
    }

    /// Users whose userName or an email is also another user's: all of them
    /// are left out (`duplicate-in-source`), since writing either would make
    /// the other fail, or worse, link it to the wrong account. Linked users
    /// an incremental read did not deliver count with the keys last written.
    mutating func findDuplicates(
        _ users: [(object: SourceObject, fields: [FieldAssignment])], settled: [(anchor: Anchor, keys: [String])] = []
    ) -> Set<Anchor> {
        // The first owner of each key; sets only for keys with several
        // (nearly none), and their labels.
        var owner: [String: Anchor] = [:]
        owner.reserveCapacity(users.count * 2)
        var shared: [String: Set<Anchor>] = [:]
        var labels: [String: (field: String, value: String)] = [:]
        func claim(_ key: String, by anchor: Anchor) -> Bool {
            // One hash of the key when it is new (nearly always); the
            // first owner is put back when it was not.
            guard let first = owner.updateValue(anchor, forKey: key) else { return false }
            owner[key] = first
            guard first != anchor else { return false }
            shared[key, default: [first]].insert(anchor)
            return true
        }
        /// For a key known only as stored (case-folded).
        func derivedLabel(_ key: String) -> (String, String) {
            (key.hasPrefix("u:") ? "userName" : "emails", String(key.dropFirst(2)))
        }
        for (object, fields) in users {
            for (field, value, key) in Self.duplicateKeys(fields) where claim(key, by: object.anchor) {
                labels[key] = (field, value)
            }
        }
        // Unchanged users hold the keys last written for them. Those keys
        // were unique when written, so only a key a mapped user claims can
        // be shared now (and with no user mapped there is nothing to check).
        guard !owner.isEmpty else { return [] }
        for (anchor, keys) in settled {
            for key in Self.addressKeys(keys) where owner[key] != nil && claim(key, by: anchor) && labels[key] == nil { labels[key] = derivedLabel(key) }
        }
        for (anchor, link) in read.snapshotComplete ? [:] : state.links
        where link.kind == .user && read.objects[anchor] == nil && !read.deleted.contains(anchor) {
            for key in Self.addressKeys(link.uniqueKeys) where owner[key] != nil && claim(key, by: anchor) && labels[key] == nil {
                labels[key] = derivedLabel(key)
            }
        }
        var duplicates: Set<Anchor> = []
        for (key, anchors) in shared.sorted(by: { $0.key < $1.key }) {
            let label = labels[key] ?? derivedLabel(key)
            let others = anchors.sorted()
            for anchor in others where read.objects[anchor] != nil {
                // The others by DN (where the administrator fixes them), else
                // by the name last written, else by anchor.
                let rest = others.filter { $0 != anchor }
                    .map { read.objects[$0]?.dn ?? state.links[$0]?.knownName ?? $0.rawValue }.joined(separator: ", ")
                plan.conditions.append(ConditionRecord(
                    .duplicateInSource, anchor: anchor, kind: .user, attribute: label.field, value: label.value,
                    detail: "\(label.field) \"\(label.value)\" is also that of \(rest)"))
                duplicates.insert(anchor)
            }
        }
        return duplicates
    }

    /// userName and each email, case-folded as the target compares them
    /// (RFC 7643 §4.1.1: userName is caseExact false): what links store and
    /// matching looks up.
    static func uniqueKeys(_ fields: [FieldAssignment]) -> [(field: String, value: String, key: String)] {
        var keys: [(String, String, String)] = []
        for assignment in fields where assignment.field == "userName" || assignment.field == "emails" {
            guard case .json(let json) = assignment.value else { continue }
            let values = json.arrayValue?.compactMap(\.stringValue) ?? json.stringValue.map { [$0] } ?? []
            for value in values {
                let prefix = assignment.field == "userName" ? "u:" : "e:"
                keys.append((assignment.field, value, prefix + SCIMCaseFolding.key(value)))
            }
        }
        return keys
    }

    /// The keys two users may not share: `uniqueKeys`, and a userName that
    /// is an address as an address key too. One user's userName being
    /// another's email is as ambiguous as a shared email (directoryd, like
    /// most identity services, holds an address once whichever field has
    /// it: `StoredUser.emailKeys`). Matching by email does not use these.
    static func duplicateKeys(_ fields: [FieldAssignment]) -> [(field: String, value: String, key: String)] {
        let keys = uniqueKeys(fields)
        return keys + keys.filter { $0.key.hasPrefix("u:") && FieldValidator.isValidEmail($0.value) }
            .map { ($0.field, $0.value, "e:" + $0.key.dropFirst(2)) }
    }

    /// Stored keys (`Link.uniqueKeys`) with the address key of a userName
    /// that is an address, as `duplicateKeys` gives them.
    static func addressKeys(_ keys: [String]) -> [String] {
        let derived = keys.lazy.filter { $0.hasPrefix("u:") && FieldValidator.isValidEmail(String($0.dropFirst(2))) }.map { "e:" + $0.dropFirst(2) }
        return derived.isEmpty ? keys : keys + derived
    }
}
