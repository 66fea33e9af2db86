/// The attribute types a server's schema defines, by name: what a mapping
/// may read. Read from the subschema subentry the root DSE names (RFC 4512
/// §5.1.1 `subschemaSubentry`, §4.2 `attributeTypes`).
public enum LDAPSubschema {
    /// Every name and alias in `attributeTypes` descriptions, lowercased
    /// (attribute descriptions compare without case, RFC 4512 §2.5).
    public static func attributeNames(in descriptions: [String]) -> Set<String> {
        var names: Set<String> = []
        for description in descriptions { names.formUnion(self.names(inDescription: description)) }
        return names
    }

    /// The names of one AttributeTypeDescription (RFC 4512 §4.1.2):
    /// `NAME 'cn'` or `NAME ( 'cn' 'commonName' )`, the `qdescrs` after the
    /// `NAME` keyword (a server that leaves the quotes out is read too);
    /// none when the description has no NAME.
    static func names(inDescription description: String) -> [String] {
        let tokens = tokenize(description)
        guard let keyword = tokens.firstIndex(where: { $0.equalsIgnoringCase("NAME") }), keyword + 1 < tokens.count else { return [] }
        var index = keyword + 1
        if tokens[index] == "(" {
            var names: [String] = []
            index += 1
            while index < tokens.count, tokens[index] != ")" {
                if let name = quoted(tokens[index]) { names.append(name) }
                index += 1
            }
            return names
        }
        return quoted(tokens[index]).map { [$0] } ?? []
    }

    /// Parentheses, quoted strings (kept with their quotes) and bare words.
    private static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inQuote = false
        for character in text {
            if inQuote {
                current.append(character)
                if character == "'" {
                    tokens.append(current)
                    current = ""
                    inQuote = false
                }
                continue
            }
            switch character {
            case "'":
                if !current.isEmpty { tokens.append(current) }
                current = "'"
                inQuote = true
            case "(", ")":
                if !current.isEmpty { tokens.append(current) }
                current = ""
                tokens.append(String(character))
            case " ", "\t", "\n", "\r":
                if !current.isEmpty { tokens.append(current) }
                current = ""
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func quoted(_ token: String) -> String? {
        if token.count >= 2, token.hasPrefix("'"), token.hasSuffix("'") { return String(token.dropFirst().dropLast()).lowercased() }
        // A bare descr (keystring: a letter, then letters, digits, hyphens).
        guard let first = token.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
              token.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") })
        else { return nil }
        return token.lowercased()
    }
}

extension String {
    fileprivate func equalsIgnoringCase(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}

extension LDAPConnection {
    /// The names of the attribute types the server's schema defines
    /// (`LDAPSubschema`); nil when the root DSE names no subschema subentry
    /// or it holds no `attributeTypes` the bind account may read.
    public func readAttributeTypeNames() async throws -> Set<String>? {
        let root = try await readRootDSE()
        guard let subschema = root.entry.string("subschemaSubentry") else { return nil }
        let request = SearchRequest(baseObject: subschema, scope: .baseObject, filter: .everything, attributes: ["attributeTypes"])
        let (entries, _) = try await search(request).collect()
        let descriptions = entries.first?.strings("attributeTypes") ?? []
        guard !descriptions.isEmpty else { return nil }
        return LDAPSubschema.attributeNames(in: descriptions)
    }
}
