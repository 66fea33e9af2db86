import Yams

/// Removes field entries from the `mapping` section of a configuration
/// file, as `dsync mapping prune` does, leaving everything else as it was
/// written: comments, blank lines, the order of keys, quoting. The edit is
/// by lines: an entry is its key's line and the lines under it indented
/// deeper (its `from` and `transforms`); blank and comment lines between
/// entries stay with the entry that follows them.
///
/// Left alone, with the reason: an entry of a section written in flow
/// style (`users: {…}`), and every entry of a section that would be
/// emptied (an empty section would replace the profile's defaults with
/// nothing; delete the section by hand to get the defaults back).
public enum MappingPrune {
    public struct Removal: Sendable, Hashable {
        public var kind: ObjectKind
        public var field: String
        /// 1-based, inclusive.
        public var lines: ClosedRange<Int>
    }

    /// A field asked for that stays, and why.
    public struct Kept: Sendable, Hashable {
        public var kind: ObjectKind
        public var field: String
        public var reason: String
    }

    public struct Result: Sendable, Hashable {
        public var text: String
        public var removed: [Removal]
        public var kept: [Kept]
    }

    /// `text` without the entries of `fields` (per kind, the names as the
    /// mapping writes them).
    public static func remove(_ fields: [ObjectKind: Set<String>], from text: String) throws(ConfigurationError) -> Result {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(path: "", line: nil, message: "not valid YAML: \(error)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var removed: [Removal] = []
        var kept: [Kept] = []
        let mapping = node?.mapping?.first { $0.key.string == "mapping" }?.value.mapping
        for (kind, section) in [(ObjectKind.user, "users"), (.group, "groups")] {
            let wanted = fields[kind] ?? []
            guard !wanted.isEmpty else { continue }
            guard let entries = mapping?.first(where: { $0.key.string == section })?.value.mapping else {
                for field in wanted.sorted() {
                    kept.append(Kept(kind: kind, field: field, reason: "the mapping.\(section) section is not in the file (the profile's defaults apply); write it out without this field"))
                }
                continue
            }
            let matching = entries.filter { $0.key.string.map(wanted.contains) ?? false }
            let found = Set(matching.compactMap(\.key.string))
            for field in wanted.subtracting(found).sorted() {
                kept.append(Kept(kind: kind, field: field, reason: "mapping.\(section) has no entry \(field)"))
            }
            if isFlow(entries, lines) {
                for field in found.sorted() {
                    kept.append(Kept(kind: kind, field: field, reason: "mapping.\(section) is written in flow style ({…}); edit it by hand"))
                }
                continue
            }
            if matching.count == entries.count {
                for field in found.sorted() {
                    kept.append(Kept(kind: kind, field: field, reason: "it would leave mapping.\(section) empty, which maps nothing; edit the section by hand"))
                }
                continue
            }
            for (key, _) in matching {
                guard let field = key.string, let line = key.mark?.line else { continue }
                removed.append(Removal(kind: kind, field: field, lines: line...entryEnd(lines, keyLine: line)))
            }
        }
        for removal in removed.sorted(by: { $0.lines.lowerBound > $1.lines.lowerBound }) {
            lines.removeSubrange((removal.lines.lowerBound - 1)...(removal.lines.upperBound - 1))
        }
        return Result(
            text: lines.joined(separator: "\n"), removed: removed.sorted { $0.lines.lowerBound < $1.lines.lowerBound },
            kept: kept)
    }

    /// The last line (1-based) of the entry whose key is on `keyLine`: the
    /// following lines indented deeper than the key, and blank or comment
    /// lines between them, not those after the last.
    static func entryEnd(_ lines: [String], keyLine: Int) -> Int {
        let indent = indentation(lines[keyLine - 1])
        var end = keyLine
        var line = keyLine + 1
        while line <= lines.count {
            let text = lines[line - 1]
            let content = text.drop { $0 == " " || $0 == "\t" }
            if content.isEmpty || content.hasPrefix("#") {
                line += 1
                continue
            }
            guard indentation(text) > indent else { break }
            end = line
            line += 1
        }
        return end
    }

    /// Whether the mapping is in flow style (`{…}`): its first character.
    /// (Yams's composer reports the style of the mapping's end event, so the
    /// text is asked.)
    static func isFlow(_ mapping: Node.Mapping, _ lines: [String]) -> Bool {
        guard let mark = mapping.mark, mark.line >= 1, mark.line <= lines.count else { return false }
        return lines[mark.line - 1].unicodeScalars.dropFirst(mark.column - 1).first == "{"
    }

    static func indentation(_ line: String) -> Int {
        line.prefix { $0 == " " }.count
    }
}
