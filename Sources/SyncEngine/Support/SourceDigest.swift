import Crypto

/// A source's digest of one object as read (`SourceObject.digest`): the
/// texts added, each ended by a separator byte no UTF-8 text contains, so
/// that ("ab", "c") and ("a", "bc") differ; SHA-256, 60 bits kept (`ObjectHash.objectHashLength`:
/// a string short enough to need no allocation).
public struct SourceDigest: Sendable {
    private var bytes: [UInt8] = []

    public init() {
        bytes.reserveCapacity(512)
    }

    /// A name or value; `kind` keeps a name from equalling a value.
    public mutating func add(_ text: String, kind: Part) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(kind.rawValue)
    }

    /// Raw bytes (a binary value); ended like a text.
    public mutating func add<Bytes: Collection<UInt8>>(bytes value: Bytes, kind: Part) {
        bytes.append(contentsOf: value)
        bytes.append(kind.rawValue)
    }

    /// 0xFF, 0xFE and 0xFD never occur in UTF-8.
    public enum Part: UInt8, Sendable {
        case name = 0xFF
        case value = 0xFE
        case other = 0xFD
    }

    public func finish() -> String {
        ContentHash.hex(of: bytes, characters: ObjectHash.objectHashLength)
    }

    /// The digest of a DN and attributes, as `add(dn, kind: .other)`
    /// followed by each name and value in the buffer's order would give.
    public static func of(dn: String, attributes: SourceAttributes) -> String {
        var hasher = SHA256()
        var dn = dn
        dn.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: Part.other.rawValue) { hasher.update(bufferPointer: $0) }
        attributes.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return ContentHash.hex(hasher.finalize(), characters: ObjectHash.objectHashLength)
    }
}
