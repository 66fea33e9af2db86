import Yams

/// A node of the configuration file with its key path, so every error can
/// name the key and the line. The loader reads the file through these
/// instead of `Decodable`, which knows neither lines nor unknown keys.
struct YAMLValue {
    let node: Node
    let path: String

    var line: Int? { node.mark?.line }

    func fail(_ message: String) -> ConfigurationError {
        ConfigurationError(path: path, line: line, message: message)
    }

    /// `key: ~` or `key:` with nothing after it; read as absent. These are
    /// YAML 1.2's core-schema null spellings (§10.3.2), plain only: a quoted
    /// "null" is text.
    var isNull: Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    var isScalar: Bool {
        if case .scalar = node { return true }
        return false
    }

    private var shape: String {
        if case .mapping = node { return "a mapping" }
        if case .sequence = node { return "a list" }
        return "a value"
    }

    func string() throws(ConfigurationError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw fail("must be text, found \(shape)") }
        return scalar.string
    }

    func int(in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        let text = try string()
        guard let value = Int(text) else { throw fail("must be a whole number, found \"\(text)\"") }
        guard range.contains(value) else {
            throw fail("must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        return value
    }

    func bool() throws(ConfigurationError) -> Bool {
        let text = try string()
        switch text {
        case "true": return true
        case "false": return false
        default: throw fail("must be true or false, found \"\(text)\"")
        }
    }

    /// One of a fixed set of words, e.g. a policy.
    func choice<T: RawRepresentable & CaseIterable>(_: T.Type = T.self) throws(ConfigurationError) -> T
    where T.RawValue == String {
        let text = try string()
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("\"\(text)\" is not one of: \(allowed)")
        }
        return value
    }

    /// The elements of a list; a single scalar is read as a list of one, so
    /// `baseDNs: ou=People,dc=example,dc=com` works as well as a list.
    func list() throws(ConfigurationError) -> [YAMLValue] {
        if case .sequence(let sequence) = node {
            return sequence.enumerated().map { YAMLValue(node: $1, path: "\(path)[\($0)]") }
        }
        if case .scalar = node, !isNull { return [self] }
        throw fail("must be a list, found \(shape)")
    }

    func strings() throws(ConfigurationError) -> [String] {
        var values: [String] = []
        for element in try list() { values.append(try element.string()) }
        return values
    }

    /// A list of distinguished names. In a list written with brackets (a
    /// YAML flow sequence) commas separate the entries, so
    /// `[ou=People,dc=example,dc=com]` is three entries of one RDN each:
    /// refused, saying how to write it, when every entry is such an unquoted
    /// RDN. (Quoted, or one per line, such entries are read as written.)
    func distinguishedNames() throws(ConfigurationError) -> [String] {
        let values = try strings()
        // Several entries on one line are a bracketed list (Yams reports
        // every sequence's style as `.any`).
        guard case .sequence(let sequence) = node, values.count > 1, let line, sequence.allSatisfy({ $0.mark?.line == line }),
              sequence.allSatisfy({ if case .scalar(let scalar) = $0 { scalar.style == .plain } else { false } }),
              values.allSatisfy({ $0.contains("=") && !$0.contains(",") })
        else { return values }
        let dn = values.joined(separator: ",")
        throw fail(
            "is read as \(values.count) base DNs (\(values.joined(separator: "; "))): in a list written with brackets, "
                + "commas separate the entries. Quote the DN, [\"\(dn)\"], or write each DN on its own line after `- `")
    }

    /// A mapping whose keys must all be in `known`; an unknown key is an
    /// error at its own line.
    func mapping(known: [String]) throws(ConfigurationError) -> YAMLMapping {
        guard case .mapping(let mapping) = node else { throw fail("must be a mapping of keys, found \(shape)") }
        var entries: [(key: String, value: YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard known.contains(key) else {
                let guess = Self.closest(to: key, in: known).map { "did you mean `\($0)`? " } ?? ""
                throw ConfigurationError(
                    path: keyPath, line: keyNode.mark?.line,
                    message: "unknown key; \(guess)known keys here: \(known.joined(separator: ", "))")
            }
            entries.append((key, YAMLValue(node: valueNode, path: keyPath)))
        }
        return YAMLMapping(path: path, line: line, entries: entries)
    }

    /// A mapping with free keys (field names of a mapping section).
    func freeMapping() throws(ConfigurationError) -> [(key: String, keyLine: Int?, value: YAMLValue)] {
        guard case .mapping(let mapping) = node else { throw fail("must be a mapping of keys, found \(shape)") }
        return mapping.map { keyNode, valueNode in
            let key = keyNode.string ?? ""
            return (key, keyNode.mark?.line, YAMLValue(node: valueNode, path: path.isEmpty ? key : "\(path).\(key)"))
        }
    }
}

/// The checked keys of one mapping.
struct YAMLMapping {
    let path: String
    let line: Int?
    let entries: [(key: String, value: YAMLValue)]

    /// The value of `key`, or `nil` when absent or null.
    subscript(key: String) -> YAMLValue? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    func required(_ key: String) throws(ConfigurationError) -> YAMLValue {
        guard let value = self[key] else {
            throw ConfigurationError(path: path.isEmpty ? key : "\(path).\(key)", line: line, message: "is required")
        }
        return value
    }
}

extension YAMLValue {
    /// The known key a mistyped one most likely meant: the one at the
    /// smallest edit distance (Levenshtein, case-insensitive), if it is at
    /// most a third of the key's length (at least 1): `credentail` →
    /// `credential`, `baseDN` → `baseDNs`; nothing for a key unlike any.
    static func closest(to key: String, in known: [String]) -> String? {
        let typed = Array(key.lowercased())
        let limit = max(1, typed.count / 3)
        var best: (key: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(typed, Array(candidate.lowercased()))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.key
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
