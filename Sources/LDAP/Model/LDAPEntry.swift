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
///
/// An entry decoded from a search keeps its attributes in the server's
/// encoding until they are asked for: `attribute(_:)` decodes only the one
/// asked for, and `LDIFWriter` writes values straight from the encoding.
public struct LDAPEntry: Sendable, Hashable {
    public var dn: String
    private var storage: Storage

    private enum Storage: Sendable {
        case decoded([LDAPAttribute])
        case encoded(EncodedAttributeList)
    }

    public init(dn: String, attributes: [LDAPAttribute]) {
        self.dn = dn
        storage = .decoded(attributes)
    }

    init(dn: String, encoded: EncodedAttributeList) {
        self.dn = dn
        storage = .encoded(encoded)
    }

    /// Every attribute, decoded. Cheap for entries built in code; for search
    /// results it decodes all values, so prefer `attribute(_:)` for a few.
    public var attributes: [LDAPAttribute] {
        get {
            switch storage {
            case .decoded(let attributes): attributes
            case .encoded(let encoded): encoded.decodeAll()
            }
        }
        set { storage = .decoded(newValue) }
    }

    /// The attribute whose description matches `name` case-insensitively
    /// (RFC 4512 §2.5: descriptions compare without case). Options are part
    /// of the description: `member;range=0-1499` is not `member`.
    public func attribute(_ name: String) -> LDAPAttribute? {
        switch storage {
        case .decoded(let attributes):
            let wanted = name.lowercased()
            return attributes.first { $0.type.lowercased() == wanted }
        case .encoded(let encoded):
            return encoded.first(named: name)
        }
    }

    /// Calls `body` with each value of the attribute `name` (matched as in
    /// `attribute(_:)`) in place, without decoding the others or copying.
    public func forEachValue(of name: String, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        switch storage {
        case .decoded(let attributes):
            let wanted = name.lowercased()
            for attribute in attributes where attribute.type.lowercased() == wanted {
                for value in attribute.values { try value.withUnsafeBytes(body) }
                return
            }
        case .encoded(let encoded):
            try encoded.forEachValue(named: name, body)
        }
    }

    /// All values of `name` decoded as UTF-8.
    public func strings(_ name: String) -> [String] {
        attribute(name)?.stringValues ?? []
    }

    /// The first value of `name` decoded as UTF-8.
    public func string(_ name: String) -> String? {
        strings(name).first
    }

    /// Calls `body` with each value of each attribute in place, without
    /// copying; `type` is the attribute's description. An attribute without
    /// values (a typesOnly search) is reported once with `value` nil.
    public func forEachValue(_ body: (_ type: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer?) throws -> Void) rethrows {
        switch storage {
        case .decoded(let attributes):
            for attribute in attributes {
                var type = attribute.type
                try type.withUTF8 { typeBytes in
                    let rawType = UnsafeRawBufferPointer(typeBytes)
                    if attribute.values.isEmpty { try body(rawType, nil) }
                    for value in attribute.values {
                        try value.withUnsafeBytes { try body(rawType, $0) }
                    }
                }
            }
        case .encoded(let encoded):
            try encoded.forEach { raw, type, values in
                let rawType = UnsafeRawBufferPointer(rebasing: raw[type])
                var cursor = values
                var count = 0
                while let value = cursor.next() {
                    count += 1
                    try body(rawType, UnsafeRawBufferPointer(rebasing: raw[value.content]))
                }
                if count == 0 { try body(rawType, nil) }
            }
        }
    }

    public static func == (lhs: LDAPEntry, rhs: LDAPEntry) -> Bool {
        lhs.dn == rhs.dn && lhs.attributes == rhs.attributes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(dn)
        hasher.combine(attributes)
    }
}
