/// A folder of CSV files, or one file (RFC 4180, UTF-8 with or without a
/// byte order mark), with a header row naming the columns. Column names play
/// the part of attribute names: the mapping, the rules and the identifier
/// name columns (without case).
public struct CSVSourceConfiguration: Sendable, Hashable {
    /// The field separator: RFC 4180's comma, or the semicolon that
    /// spreadsheets write where the comma is the decimal mark.
    public enum Delimiter: String, Sendable, Hashable, Codable, CaseIterable {
        case comma = ","
        case semicolon = ";"

        public var byte: UInt8 { self == .comma ? UInt8(ascii: ",") : UInt8(ascii: ";") }
    }

    /// A file, or a folder whose `*.csv` files are read (not its subfolders).
    public var path: String
    public var delimiter: Delimiter = .comma
    /// The column whose value never changes: it is the anchor. A changed
    /// value is a new user (and the old one is gone).
    public var identifier: String
    /// Users matching it are disabled in the source (e.g. `status` equals
    /// `disabled`); the planner applies `policies.users.disabled`.
    public var disabled: AttributeRule?
    /// Users matching it are reported deleted (`policies.users.deleted`).
    public var deleted: AttributeRule?
    /// Rows matching any rule are outside the synced scope.
    public var exclude: [AttributeRule] = []
    /// The column listing the user's groups by name, if any.
    public var groups: String?
    /// What separates the group names in that column.
    public var groupSeparator: String = "|"
    /// Seconds between the two looks at each file's size and modification
    /// time; a file that changed between them is still being written and is
    /// skipped this run. 0 turns the check off.
    public var settleSeconds: Int = 2

    public init(path: String, identifier: String) {
        self.path = path
        self.identifier = identifier
    }

    /// The name CSV objects are counted under, in place of a base DN, so a
    /// file that suddenly holds far fewer rows trips the drop check
    /// (`safety.sourceDropPercentage`) as an emptied OU does.
    public static func countKey(source: String) -> String { "csv:\(source)" }
}

extension MappingConfiguration {
    /// The defaults for CSV sources: columns named after the fields they
    /// fill. Groups made from names of the groups column carry the name as
    /// `name` (and as `cn`, so the LDAP defaults work for them too).
    public static let csvDefaults = MappingConfiguration(
        users: [
            FieldMapping("userName", from: ["userName"], transforms: [.lower]),
            FieldMapping("emails", from: ["email"], transforms: [.lower]),
            FieldMapping("displayName", from: ["displayName"]),
            FieldMapping("name.givenName", from: ["givenName"]),
            FieldMapping("name.familyName", from: ["familyName"]),
            FieldMapping("title", from: ["title"]),
            FieldMapping("phoneNumbers", from: ["phone"]),
            FieldMapping("employeeNumber", from: ["employeeNumber"]),
            FieldMapping("department", from: ["department"]),
        ],
        groups: [FieldMapping("displayName", from: ["name"])]
    )
}
