/// A DN in the normalised form used to compare DNs (RFC 4514): the same
/// entry is spelled `CN=Alice Smith, OU=People,DC=Example,DC=org` by one
/// tool and `cn=alice smith,ou=people,dc=example,dc=org` by another, and a
/// group's `member` value must find the user either way.
///
/// Normalisation: attribute types and values lowercased (the naming
/// attributes of directories use caseIgnoreMatch), escapes (`\,`, `\2C`)
/// decoded, insignificant spaces around `=`, `,` and `+` and at the ends of
/// values dropped, and the AVAs of a multi-valued RDN sorted. Values written
/// as `#hex` (RFC 4514 §2.4) are kept as written.
public struct DistinguishedName: Sendable, Hashable, CustomStringConvertible {
    /// The RDNs, leaf first, each normalised (`cn=alice smith`).
    public let rdns: [String]

    public var description: String { rdns.joined(separator: ",") }

    /// Parses a DN string; nil when it is not a valid RFC 4514 DN.
    public init?(_ text: String) {
        guard let rdns = Self.parse(text) else { return nil }
        self.rdns = rdns
    }

    private init(rdns: [String]) { self.rdns = rdns }

    /// The empty DN (the root DSE).
    public var isEmpty: Bool { rdns.isEmpty }

    /// The entry's parent, nil for the root.
    public var parent: DistinguishedName? {
        rdns.isEmpty ? nil : DistinguishedName(rdns: Array(rdns.dropFirst()))
    }

    /// Whether `self` is `ancestor` or lies below it.
    public func isWithin(_ ancestor: DistinguishedName) -> Bool {
        rdns.count >= ancestor.rdns.count && Array(rdns.suffix(ancestor.rdns.count)) == ancestor.rdns
    }

    /// The value of the first RDN (`alice smith` for `cn=alice smith,…`),
    /// normalised.
    public var leafValue: String? {
        guard let first = rdns.first, let equals = first.firstIndex(of: "=") else { return nil }
        return String(first[first.index(after: equals)...])
    }

    /// RFC 4514 §3 parsing: `distinguishedName = [ relativeDistinguishedName
    /// *( COMMA relativeDistinguishedName ) ]`. Semicolons are accepted as
    /// separators too, as RFC 1779 allowed and some old servers still write.
    private static func parse(_ text: String) -> [String]? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var rdns: [String] = []
        skipSpaces(scalars, &index)
        if index == scalars.count { return [] }
        while true {
            var avas: [String] = []
            while true {
                guard let ava = parseAVA(scalars, &index) else { return nil }
                avas.append(ava)
                skipSpaces(scalars, &index)
                if index < scalars.count, scalars[index] == "+" {
                    index += 1
                    continue
                }
                break
            }
            rdns.append(avas.sorted().joined(separator: "+"))
            if index == scalars.count { return rdns }
            guard scalars[index] == "," || scalars[index] == ";" else { return nil }
            index += 1
        }
    }

    private static func skipSpaces(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count, scalars[index] == " " { index += 1 }
    }

    /// `attributeTypeAndValue = attributeType EQUALS attributeValue`.
    private static func parseAVA(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String? {
        skipSpaces(scalars, &index)
        var type = ""
        while index < scalars.count, scalars[index] != "=" {
            let c = scalars[index]
            guard c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "." else {
                if c == " " { break }
                return nil
            }
            type.unicodeScalars.append(c)
            index += 1
        }
        skipSpaces(scalars, &index)
        guard !type.isEmpty, index < scalars.count, scalars[index] == "=" else { return nil }
        index += 1
        skipSpaces(scalars, &index)
        guard let value = parseValue(scalars, &index) else { return nil }
        return type.lowercased() + "=" + value
    }

    /// A value up to the next unescaped `,`, `;` or `+`; trailing unescaped
    /// spaces are insignificant (RFC 4514 §2.4).
    private static func parseValue(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String? {
        if index < scalars.count, scalars[index] == "#" {
            var hex = "#"
            index += 1
            while index < scalars.count, scalars[index].properties.isASCIIHexDigit {
                hex.unicodeScalars.append(scalars[index])
                index += 1
            }
            return hex.lowercased()
        }
        var bytes: [UInt8] = []
        var significantCount = 0
        while index < scalars.count {
            let c = scalars[index]
            if c == "," || c == ";" || c == "+" { break }
            if c == "\\" {
                index += 1
                guard index < scalars.count else { return nil }
                let next = scalars[index]
                if next.properties.isASCIIHexDigit, index + 1 < scalars.count,
                    scalars[index + 1].properties.isASCIIHexDigit,
                    let byte = UInt8(String(String.UnicodeScalarView([next, scalars[index + 1]])), radix: 16)
                {
                    bytes.append(byte)
                    index += 2
                } else {
                    bytes.append(contentsOf: Array(String(next).utf8))
                    index += 1
                }
                significantCount = bytes.count
                continue
            }
            bytes.append(contentsOf: Array(String(c).utf8))
            if c != " " { significantCount = bytes.count }
            index += 1
        }
        bytes.removeLast(bytes.count - significantCount)
        guard let value = String(validating: bytes, as: UTF8.self) else { return nil }
        return escape(value.lowercased())
    }

    /// Escapes what would otherwise end a value, so the normalised form
    /// stays one unambiguous string.
    private static func escape(_ value: String) -> String {
        var out = ""
        for c in value.unicodeScalars {
            if c == "," || c == "+" || c == ";" || c == "\\" || c == "=" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
