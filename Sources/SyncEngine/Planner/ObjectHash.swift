/// The content hashes stored with a link: one per field, to know what a
/// PATCH must carry, and one per object over the fields, `active` and the
/// mapping version, to skip unchanged objects with one comparison.
enum ObjectHash {
    static func field(_ value: FieldValue) -> String {
        String(ContentHash.hex(of: Array(value.canonical.utf8)).prefix(16))
    }

    static func object(_ fields: [FieldAssignment], active: Bool, mappingVersion: String) -> String {
        var text = "v=\(mappingVersion)\nactive=\(active)\n"
        for assignment in fields.sorted(by: { $0.field < $1.field }) {
            text += assignment.field + "=" + assignment.value.canonical + "\n"
        }
        return ContentHash.hex(of: Array(text.utf8))
    }
}
