/// Per field written, the digest of the value written (`ObjectHash.field`):
/// tells which fields a changed object needs in its PATCH.
///
/// Two parallel arrays, names sorted: 100,000 links hold the same dozen
/// field names, and a loader that hands every link the same `names` array
/// keeps one copy of it; the digests fit in small strings (15 characters),
/// so a link's field hashes are one allocation instead of a dictionary.
public struct FieldHashes: Sendable, Hashable {
    public private(set) var names: [String]
    private var digests: [String]

    public init() {
        names = []
        digests = []
    }

    public init(_ dictionary: [String: String]) {
        let sorted = dictionary.sorted { $0.key < $1.key }
        names = sorted.map(\.key)
        digests = sorted.map(\.value)
    }

    /// From pairs in any order; of a name given twice, the last digest
    /// (as a dictionary built from them would keep).
    public init(_ pairs: [(name: String, digest: String)]) {
        let sorted = pairs.enumerated().sorted { $0.element.name != $1.element.name ? $0.element.name < $1.element.name : $0.offset < $1.offset }
        names = []
        digests = []
        names.reserveCapacity(sorted.count)
        digests.reserveCapacity(sorted.count)
        for (_, pair) in sorted {
            if names.last == pair.name {
                digests[digests.count - 1] = pair.digest
            } else {
                names.append(pair.name)
                digests.append(pair.digest)
            }
        }
    }

    /// Names already sorted and unique (a loader sharing `names` between
    /// links), with their digests in the same order.
    public init(sortedNames names: [String], digests: [String]) {
        precondition(names.count == digests.count, "one digest per name")
        self.names = names
        self.digests = digests
    }

    public var isEmpty: Bool { names.isEmpty }
    public var count: Int { names.count }

    /// The fields, in name order.
    public var keys: [String] { names }

    public subscript(name: String) -> String? {
        get {
            guard let index = position(of: name) else { return nil }
            return digests[index]
        }
        set {
            let index = insertionPoint(of: name)
            let found = index < names.count && names[index] == name
            // Not a switch over (Bool, String?): Swift 6.3.1's release
            // optimiser has crashed on such optional tuple patterns.
            if let newValue {
                if found {
                    digests[index] = newValue
                } else {
                    names.insert(name, at: index)
                    digests.insert(newValue, at: index)
                }
            } else if found {
                names.remove(at: index)
                digests.remove(at: index)
            }
        }
    }

    /// Every field with its digest, in name order.
    public var pairs: Zip2Sequence<[String], [String]> { zip(names, digests) }

    public var dictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: zip(names, digests))
    }

    private func position(of name: String) -> Int? {
        let index = insertionPoint(of: name)
        return index < names.count && names[index] == name ? index : nil
    }

    /// Binary search: the first position whose name is not below `name`.
    private func insertionPoint(of name: String) -> Int {
        var low = 0
        var high = names.count
        while low < high {
            let middle = (low + high) / 2
            if names[middle] < name { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension FieldHashes: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// Encoded as a JSON object of field names to digests.
extension FieldHashes: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String: String].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dictionary)
    }
}
