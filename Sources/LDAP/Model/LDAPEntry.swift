/// One attribute of an entry: its description (type plus options such as
/// `;binary` or `;range=0-1499`) and its values as raw octets.
///
/// RFC 4511 §4.1.7: values are OCTET STRINGs; most are UTF-8 text, some
/// (objectGUID, jpegPhoto) are binary, so the raw bytes are kept.
public struct LDAPAttribute: Sendable, Hashable {
    public var type: String
    public var values: [[UInt8]]

    public init(type: String, values: [[UInt8]]) {
        self.type = type
        self.values = values
    }

    public init(type: String, strings: [String]) {
        self.type = type
        self.values = strings.map { Array($0.utf8) }
    }

    /// The values decoded as UTF-8; values that are not valid UTF-8 are left out.
    public var stringValues: [String] {
        values.compactMap { String(validating: $0, as: UTF8.self) }
    }
}

/// A directory entry as a search returns it (RFC 4511 §4.5.2) or an LDIF
/// content record describes it (RFC 2849).
public struct LDAPEntry: Sendable, Hashable {
    public var dn: String
    public var attributes: [LDAPAttribute]

    public init(dn: String, attributes: [LDAPAttribute]) {
        self.dn = dn
        self.attributes = attributes
    }

    /// The attribute whose type matches `name` case-insensitively, ignoring
    /// options (RFC 4512 §2.5: descriptions compare without case).
    public func attribute(_ name: String) -> LDAPAttribute? {
        attributes.first { $0.type.lowercased() == name.lowercased() }
    }

    /// All values of `name` decoded as UTF-8.
    public func strings(_ name: String) -> [String] {
        attribute(name)?.stringValues ?? []
    }

    /// The first value of `name` decoded as UTF-8.
    public func string(_ name: String) -> String? {
        strings(name).first
    }
}
