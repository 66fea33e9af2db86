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

    static func field(_ value: FieldValue) -> String {
        ContentHash.hex(of: value.canonical, characters: fieldHashLength)
    }

    static func object(_ fields: [FieldAssignment], active: Bool, mappingVersion: String) -> String {
        var text = "v=\(mappingVersion)\nactive=\(active)\n"
        for assignment in fields.sorted(by: { $0.field < $1.field }) {
            text += assignment.field + "=" + assignment.value.canonical + "\n"
        }
        return ContentHash.hex(of: text, characters: objectHashLength)
    }
}
