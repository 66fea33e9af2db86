/// A source object's text attributes in one buffer: each attribute name
/// (lowercased, as LDAP attribute descriptions compare without case,
/// RFC 4512 §2.5) ended by 0xFF, then each of its values ended by 0xFE.
/// These bytes never occur in UTF-8, so the buffer is unambiguous, and it is
/// what the source's digest hashes (`SourceDigest`).
///
/// One allocation per object instead of a dictionary, a string per name and
/// an array and string per value: a read of 100,000 entries keeps all of
/// them until planning, and most are never looked at (an unchanged object
/// is not mapped). Values become `String`s when asked for.
public struct SourceAttributes: Sendable, Hashable {
    public private(set) var bytes: [UInt8] = []

    static let nameEnd: UInt8 = 0xFF
    static let valueEnd: UInt8 = 0xFE

    public init() {}

    /// From a dictionary, names in sorted order (so equal dictionaries give
    /// equal buffers); empty value lists are left out.
    public init(_ dictionary: [String: [String]]) {
        var merged: [String: [String]] = [:]
        for (name, values) in dictionary { merged[name.lowercased(), default: []] += values }
        for (name, values) in merged.sorted(by: { $0.key < $1.key }) where !values.isEmpty {
            appendName(name)
            for value in values { appendValue(value) }
        }
    }

    /// Starts an attribute; `name` is lowercased here (ASCII, which is what
    /// attribute descriptions are made of, RFC 4512 §1.4).
    public mutating func appendName(_ name: UnsafeRawBufferPointer) {
        let start = bytes.count
        bytes.append(contentsOf: name)
        for index in start..<bytes.count where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        bytes.append(Self.nameEnd)
    }

    public mutating func appendName(_ name: String) {
        var name = name
        name.withUTF8 { appendName(UnsafeRawBufferPointer($0)) }
    }

    /// A value of the attribute last started; it must be valid UTF-8.
    public mutating func appendValue(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        bytes.append(Self.valueEnd)
    }

    public mutating func appendValue(_ value: String) {
        var value = value
        value.withUTF8 { appendValue(UnsafeRawBufferPointer($0)) }
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// The values of an attribute, by case-insensitive name, in the order
    /// read (an attribute given twice yields the values of both).
    public func values(_ name: String) -> [String] {
        var result: [String] = []
        forEachValue(of: name) { value in
            result.append(String(decoding: value, as: UTF8.self))
            return true
        }
        return result
    }

    /// Whether the attribute has a value, by case-insensitive name.
    public func hasValue(_ name: String) -> Bool {
        var found = false
        forEachValue(of: name) { _ in
            found = true
            return false
        }
        return found
    }

    /// Calls `body` with each value's bytes of the attribute named `name`
    /// (compared without ASCII case, allocating nothing) until it returns
    /// false. A non-ASCII name (a CSV column) is lowercased as the buffer
    /// stored it.
    func forEachValue(of name: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var name = name.utf8.allSatisfy { $0 < 0x80 } ? name : name.lowercased()
        name.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { buffer in
                var matching = false
                var start = 0
                while true {
                    let end = Self.nextMark(in: buffer, from: start)
                    guard end < buffer.count else { return }
                    if buffer[end] == Self.nameEnd {
                        matching = Self.equalIgnoringASCIICase(UnsafeBufferPointer(rebasing: buffer[start..<end]), wanted)
                    } else if matching, !body(UnsafeBufferPointer(rebasing: buffer[start..<end])) {
                        return
                    }
                    start = end + 1
                }
            }
        }
    }

    /// The position of the next end mark (0xFE or 0xFF) at or after
    /// `start`, or `buffer.count`. Eight bytes at a time: in `x = ~word &
    /// 0xFEFE…`, a byte is zero exactly where the word holds a mark, and the
    /// lowest byte flagged by the zero-byte test is the first such byte. Every
    /// run asks this of every object's buffer a few times (the disabled rule,
    /// references).
    private static func nextMark(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= buffer.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let x = ~word & 0xFEFE_FEFE_FEFE_FEFE
                let marks = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                if marks != 0 { return index + marks.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < buffer.count, buffer[index] < valueEnd { index += 1 }
        return index
    }

    /// Stored names are lowercase already; `wanted` may not be.
    private static func equalIgnoringASCIICase(_ stored: UnsafeBufferPointer<UInt8>, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        guard stored.count == wanted.count else { return false }
        for index in 0..<stored.count {
            var byte = wanted[index]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if stored[index] != byte { return false }
        }
        return true
    }

    /// Every attribute with its values.
    public var dictionary: [String: [String]] {
        var result: [String: [String]] = [:]
        var name = ""
        var start = 0
        for index in bytes.indices {
            if bytes[index] == Self.nameEnd {
                name = String(decoding: bytes[start..<index], as: UTF8.self)
                start = index + 1
            } else if bytes[index] == Self.valueEnd {
                result[name, default: []].append(String(decoding: bytes[start..<index], as: UTF8.self))
                start = index + 1
            }
        }
        return result
    }
}

/// Encoded as the JSON object of names to value lists.
extension SourceAttributes: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String: [String]].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dictionary)
    }
}
