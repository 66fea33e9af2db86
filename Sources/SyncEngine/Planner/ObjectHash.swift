/// The content hashes stored with a link: one per field, to know what a
/// PATCH must carry, and one per object over the fields, `active` and the
/// mapping version, to skip unchanged objects with one comparison.
public enum ObjectHash {
    /// 15 hex digits (60 bits, plenty to notice a change): a string that
    /// short is stored inline, with no allocation, which matters for the
    /// hundreds of thousands of them a large directory's state holds.
    public static let fieldHashLength = 15
    /// The same for an object's hash and its settled digest
    /// (`Link.hash`, `Link.sourceDigest`); longer ones stored by earlier
    /// versions compare by their first 15 digits, which are the same
    /// digits (`AgentStore` cuts them when loading).
    public static let objectHashLength = 15

    /// Of the value's canonical text, written into a buffer the caller
    /// may reuse (`bytes` is emptied first).
    static func field(_ value: FieldValue, buffer bytes: inout [UInt8]) -> String {
        bytes.removeAll(keepingCapacity: true)
        value.appendCanonical(to: &bytes)
        return ContentHash.hex(of: bytes, characters: fieldHashLength)
    }

    static func field(_ value: FieldValue) -> String {
        var bytes: [UInt8] = []
        return field(value, buffer: &bytes)
    }

    /// Of `v=VERSION`, `active=BOOL` and `FIELD=CANONICAL` per field in name
    /// order, a line each, as UTF-8 bytes.
    static func object(_ fields: [FieldAssignment], active: Bool, mappingVersion: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        bytes.append(contentsOf: "v=".utf8)
        bytes.append(contentsOf: mappingVersion.utf8)
        bytes.append(contentsOf: (active ? "\nactive=true\n" : "\nactive=false\n").utf8)
        for assignment in fields.sorted(by: { $0.field < $1.field }) {
            bytes.append(contentsOf: assignment.field.utf8)
            bytes.append(UInt8(ascii: "="))
            assignment.value.appendCanonical(to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return ContentHash.hex(of: bytes, characters: objectHashLength)
    }
}
