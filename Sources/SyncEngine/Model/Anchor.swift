/// The immutable id of a source object (objectGUID, entryUUID, an LDIF
/// entry's anchor attribute), as text. Renames and moves keep it, so they
/// are updates of one target object, never a delete and a create.
///
/// Most anchors are UUIDs in their canonical text form (RFC 9562 §4:
/// entryUUID, RFC 4530, and objectGUID as the agent writes it): those are
/// kept as their 128 bits, inline. A run looks anchors up in sets and
/// dictionaries hundreds of thousands of times; an inline key is hashed and
/// compared without following a pointer to a heap string, which on large
/// reads was a cache miss per lookup. Any other text is kept as it is.
/// `rawValue` is always the text given, and anchors order by it.
public struct Anchor: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    private enum Storage: Sendable, Hashable {
        /// A lowercase canonical UUID: its bits, most significant first.
        case uuid(UInt64, UInt64)
        case text(String)
    }

    private let storage: Storage

    public init(rawValue: String) { self.init(rawValue) }
    public init(stringLiteral value: String) { self.init(value) }

    public init(_ rawValue: String) {
        var text = rawValue
        if let bits = text.withUTF8({ Self.uuidBits(UnsafeRawBufferPointer($0)) }) {
            storage = .uuid(bits.high, bits.low)
        } else {
            storage = .text(rawValue)
        }
    }

    /// From UTF-8 bytes (a database column, a protocol field) without
    /// making a string first when they are a canonical UUID.
    public init(utf8 bytes: UnsafeRawBufferPointer) {
        if let bits = Self.uuidBits(bytes) {
            storage = .uuid(bits.high, bits.low)
        } else {
            storage = .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    public var rawValue: String {
        switch storage {
        case .text(let text): return text
        case .uuid(let high, let low): return Self.uuidText(high, low)
        }
    }

    public var description: String { rawValue }

    /// A UUID anchor's 128 bits, most significant first; nil for other text.
    public var uuid: (high: UInt64, low: UInt64)? {
        if case .uuid(let high, let low) = storage { return (high, low) }
        return nil
    }

    /// The anchor whose text is the lowercase canonical form of the UUID
    /// with these bits (what `uuid` gives back).
    public init(uuid: (high: UInt64, low: UInt64)) { storage = .uuid(uuid.high, uuid.low) }

    // Written out: `RawRepresentable` would otherwise supply both through
    // `rawValue`, formatting a UUID's text for every hash and comparison.
    public static func == (lhs: Anchor, rhs: Anchor) -> Bool { lhs.storage == rhs.storage }

    public func hash(into hasher: inout Hasher) {
        // The bits alone (a text anchor never equals a UUID one, so the
        // two kinds need not hash apart): two words instead of the enum's
        // tag and two words, for every set and dictionary operation.
        switch storage {
        case .uuid(let high, let low):
            hasher.combine(high)
            hasher.combine(low)
        case .text(let text):
            hasher.combine(text)
        }
    }

    public static func < (lhs: Anchor, rhs: Anchor) -> Bool {
        // Lowercase hex digits sort as their values do, so bits compare in
        // the order of the texts.
        if case .uuid(let lh, let ll) = lhs.storage, case .uuid(let rh, let rl) = rhs.storage {
            return lh != rh ? lh < rh : ll < rl
        }
        return lhs.rawValue < rhs.rawValue
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The bits of `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in lowercase hex;
    /// nil for anything else (uppercase too: the text must come back as
    /// given).
    static func uuidBits(_ bytes: UnsafeRawBufferPointer) -> (high: UInt64, low: UInt64)? {
        let dash = UInt8(ascii: "-")
        guard bytes.count == 36, bytes[8] == dash, bytes[13] == dash, bytes[18] == dash, bytes[23] == dash else { return nil }
        // A state load parses hundreds of thousands: the digit groups in
        // turn, each digit checked and converted without a branch per case.
        var words: (UInt64, UInt64) = (0, 0)
        var valid = true
        func add(_ range: Range<Int>, to word: inout UInt64) {
            for index in range {
                let byte = bytes[index]
                let decimal = byte &- UInt8(ascii: "0")
                let letter = byte &- UInt8(ascii: "a")
                let value: UInt8 = decimal < 10 ? decimal : letter &+ 10
                valid = valid && (decimal < 10 || letter < 6)
                word = word << 4 | UInt64(value & 0x0F)
            }
        }
        add(0..<8, to: &words.0)
        add(9..<13, to: &words.0)
        add(14..<18, to: &words.0)
        add(19..<23, to: &words.1)
        add(24..<36, to: &words.1)
        return valid ? (words.0, words.1) : nil
    }

    static func uuidText(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            for digit in 0..<32 {
                if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
                    buffer[index] = UInt8(ascii: "-")
                    index += 1
                }
                let word = digit < 16 ? high : low
                let shift = UInt64((15 - digit % 16) * 4)
                let value = UInt8((word >> shift) & 0xF)
                buffer[index] = value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
                index += 1
            }
            return index
        }
    }
}

/// Users and groups: the two kinds of object the agent syncs.
public enum ObjectKind: String, Sendable, Hashable, Codable, CaseIterable {
    case user
    case group
}
