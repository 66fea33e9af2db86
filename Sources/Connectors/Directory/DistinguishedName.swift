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
        guard let rdns = Self.parseSimple(text) ?? Self.parse(text) else { return nil }
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

    /// The DNs directories actually write — ASCII `type=value` RDNs joined
    /// by commas, with no escape, quote, `+`, `;`, `#`, `=` in a value, or
    /// space next to a separator — need only splitting and lower-casing:
    /// the same RDNs as `parse` gives, without building them a character
    /// at a time. nil for any other DN (then `parse` decides).
    static func parseSimple(_ text: String) -> [String]? {
        var rdns: [String] = []
        guard !text.isEmpty else { return nil }
        var result: [String]?
        // Contiguous UTF-8 (nearly always): scanned in place.
        _ = text.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
                guard isSimpleRDN(bytes[start..<end]) else { return }
                rdns.append(String(decoding: bytes[start..<end], as: UTF8.self).lowercased())
                start = end + 1
            }
            result = rdns
        }
        return result
    }

    /// `type=value`: type letters, digits, `-` or `.`; value not empty, with
    /// no special character and no space at either end.
    private static func isSimpleRDN(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")), equals > bytes.startIndex, equals + 1 < bytes.endIndex else { return false }
        for byte in bytes[..<equals] {
            let isType = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard isType else { return false }
        }
        let value = bytes[(equals + 1)...]
        guard value.first != UInt8(ascii: " "), value.last != UInt8(ascii: " ") else { return false }
        for byte in value {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "+"), UInt8(ascii: ";"), UInt8(ascii: "#"), UInt8(ascii: "="): return false
            case 0x80...: return false
            default: continue
            }
        }
        return true
    }

    /// RFC 4514 §3 parsing: `distinguishedName = [ relativeDistinguishedName
    /// *( COMMA relativeDistinguishedName ) ]`. Semicolons are accepted as
    /// separators too, as RFC 1779 allowed and some old servers still write.
    static func parse(_ text: String) -> [String]? {
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
