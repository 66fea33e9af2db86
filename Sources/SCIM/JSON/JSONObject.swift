/// A JSON object: members in insertion order, names looked up ASCII
/// case-insensitively (RFC 7643 §2.1).
///
/// Setting a member whose name matches an existing one in another case
/// replaces the value and keeps the existing spelling, so a PATCH that says
/// `NAME.givenname` updates `name.givenName` instead of adding a twin.
///
/// Equality ignores member order and the case of names, as JSON (RFC 8259
/// §4) and SCIM do; the hash is computed to match.
public struct JSONObject: Sendable {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSON

        public init(key: String, value: JSON) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member]

    public init() {
        members = []
    }

    /// Later duplicates (in any case) replace earlier ones, keeping the first
    /// spelling and position.
    public init(_ pairs: some Sequence<(String, JSON)>) {
        members = []
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public func index(forKey key: String) -> Int? {
        members.firstIndex { ASCIICaseInsensitive.equal($0.key, key) }
    }

    /// The member named `key` in any ASCII case; assigning `nil` removes it.
    public subscript(key: String) -> JSON? {
        get {
            index(forKey: key).map { members[$0].value }
        }
        set {
            if let index = index(forKey: key) {
                if let newValue {
                    members[index].value = newValue
                } else {
                    members.remove(at: index)
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// The spelling the object uses for `key`, if present.
    public func storedKey(for key: String) -> String? {
        index(forKey: key).map { members[$0].key }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        guard let index = index(forKey: key) else { return nil }
        return members.remove(at: index).value
    }

    /// Appends without looking for an existing member; for parsers that have
    /// already checked uniqueness.
    mutating func appendUnchecked(_ key: String, _ value: JSON) {
        members.append(Member(key: key, value: value))
    }

    mutating func reserveCapacity(_ capacity: Int) {
        members.reserveCapacity(capacity)
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> IndexingIterator<[Member]> {
        members.makeIterator()
    }
}

extension JSONObject: Hashable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        // Same order is the common case; try it before the quadratic path.
        if zip(lhs.members, rhs.members).allSatisfy({
            ASCIICaseInsensitive.equal($0.key, $1.key) && $0.value == $1.value
        }) {
            return true
        }
        return lhs.members.allSatisfy { member in rhs[member.key] == member.value }
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-member hashes with a commutative sum.
        var sum = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(ASCIICaseInsensitive.key(member.key))
            memberHasher.combine(member.value)
            sum = sum &+ memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(sum)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements)
    }
}
