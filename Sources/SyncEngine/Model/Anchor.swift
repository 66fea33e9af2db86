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

    // Written out: `RawRepresentable` would otherwise supply both through
    // `rawValue`, formatting a UUID's text for every hash and comparison.
    public static func == (lhs: Anchor, rhs: Anchor) -> Bool { lhs.storage == rhs.storage }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }

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
        guard bytes.count == 36 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var digits = 0
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            if digits < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
            digits += 1
        }
        return (high, low)
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
