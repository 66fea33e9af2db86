import SyncEngine

/// Decodes the JSON texts the store writes into `links` (field hashes, key
/// lists) for a whole load of the state, and shares equal strings between
/// links: 100,000 links name the same dozen fields (custom ones as long
/// `urn:…` names) and the same mapping version, which would otherwise be
/// as many separate copies.
///
/// A text without escapes (what the store writes for ordinary names) is
/// split directly; any other goes through the JSON parser.
struct StoredTextDecoder {
    private var shared: [String: String] = [:]
    /// The previous link's field names in order, with their bytes: most
    /// links list the same names, compared here without making a string.
    private var lastNames: [(bytes: [UInt8], name: String)] = []
    /// The previous link's list of names, handed on to links with the same.
    private var lastNameList: [String] = []

    /// One copy of each distinct string.
    mutating func share(_ text: String) -> String {
        if let known = shared[text] { return known }
        shared[text] = text
        return text
    }

    /// `{"field":"hash",…}`; hashes of earlier versions (16 digits) are cut
    /// to today's length. Links with the same field names share one array
    /// of them.
    mutating func fieldHashes(_ text: String) throws -> FieldHashes {
        var names: [String] = []
        var digests: [String] = []
        let simple = try text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(UInt8(ascii: "\\")) else { return false }
            let strings = try Self.quotedStrings(bytes, text: text)
            guard strings.count % 2 == 0, bytes.first == UInt8(ascii: "{") else { throw StoredValueError(text: text) }
            names.reserveCapacity(strings.count / 2)
            digests.reserveCapacity(strings.count / 2)
            for pair in 0..<(strings.count / 2) {
                let key = strings[2 * pair], value = strings[2 * pair + 1]
                names.append(self.name(bytes[key], position: pair))
                digests.append(String(decoding: bytes[value].prefix(ObjectHash.fieldHashLength), as: UTF8.self))
            }
            return true
        }
        guard simple == true else { return FieldHashes(try LinkRow.decodeFieldHashes(text)) }
        // The store writes names sorted; anything else is sorted here.
        guard zip(names, names.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return FieldHashes(Dictionary(zip(names, digests), uniquingKeysWith: { _, last in last }))
        }
        if names == lastNameList { names = lastNameList } else { lastNameList = names }
        return FieldHashes(sortedNames: names, digests: digests)
    }

    /// `["…",…]`.
    mutating func list(_ text: String) throws -> [String] {
        let simple = try text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard !bytes.contains(UInt8(ascii: "\\")) else { return nil }
            guard bytes.first == UInt8(ascii: "[") else { throw StoredValueError(text: text) }
            return try Self.quotedStrings(bytes, text: text).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        if let simple = simple ?? nil { return simple }
        return try LinkRow.decodeList(text)
    }

    /// The field name at `position` in the link's list, shared.
    private mutating func name(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, position: Int) -> String {
        if position < lastNames.count, lastNames[position].bytes.elementsEqual(bytes) { return lastNames[position].name }
        let name = share(String(decoding: bytes, as: UTF8.self))
        let entry = (Array(bytes), name)
        if position < lastNames.count { lastNames[position] = entry } else { lastNames.append(entry) }
        return name
    }

    /// The ranges inside each pair of double quotes (no escapes in `bytes`).
    private static func quotedStrings(_ bytes: UnsafeBufferPointer<UInt8>, text: String) throws -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\"") else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
            guard end < bytes.count else { throw StoredValueError(text: text) }
            ranges.append((index + 1)..<end)
            index = end + 1
        }
        return ranges
    }
}
