public import SyncEngine
import Foundation
import SCIM

/// Turns the records of a CSV source's files into users and the groups its
/// groups column names, without I/O. Files are added in order; identifiers
/// must be unique across all of them.
///
/// - The first record of a file is its header; column names are compared
///   without case (as the mapping's attribute names are) and trimmed.
/// - A row whose field count differs from the header's, that is malformed,
///   or whose identifier another row has too, is `source-row-invalid`,
///   naming the file and line. With an identifier it is held: the planner
///   neither writes nor removes that user. Without one (an empty identifier)
///   nobody can tell whose row it was, so the read is incomplete and nothing
///   is removed.
/// - A file the rows of which cannot be trusted as a whole (no header, no
///   identifier column, a column named twice, a quote never closed) makes
///   the read incomplete (`source-read-incomplete`); its good rows still go on.
/// - A row matching the `deleted` rule is reported deleted; empty values
///   are no values.
public struct CSVObjectBuilder: Sendable {
    public let source: String
    public let configuration: CSVSourceConfiguration

    struct Row: Sendable {
        var object: SourceObject
        var groups: [String]
        var deleted: Bool
        var place: String
    }

    private var rows: [Row] = []
    /// Every place (file, line) each identifier was seen, good rows and bad.
    private var places: [String: [String]] = [:]
    private var held: Set<String> = []
    private var problems: [SourceReadProblem] = []
    /// The columns of every file read, lowercased: the attributes a user has.
    private var columns: Set<String> = []

    public init(source: String, configuration: CSVSourceConfiguration) {
        self.source = source
        self.configuration = configuration
    }

    /// The attributes of a group made from a name in the groups column:
    /// the name, under both.
    static let groupAttributes: Set<String> = ["name", "cn"]

    /// The key objects are counted under (`csv:NAME`).
    public var countKey: String { CSVSourceConfiguration.countKey(source: source) }

    /// A problem that makes the whole read untrustworthy.
    public mutating func fileProblem(_ file: String, line: Int? = nil, _ reason: String) {
        let place = line.map { "\(file), line \($0)" } ?? file
        problems.append(SourceReadProblem(code: .sourceReadIncomplete, detail: "\(place): \(reason)"))
    }

    public mutating func add(file: String, document: CSVDocument) {
        guard let header = document.records.first else {
            fileProblem(file, "is empty: no header row naming the columns")
            return
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var seen: Set<String> = []
        for name in names where !name.isEmpty && !seen.insert(name).inserted {
            fileProblem(file, line: header.line, "the header names the column \"\(name)\" twice")
            return
        }
        guard let identifierIndex = names.firstIndex(of: configuration.identifier.lowercased()) else {
            fileProblem(
                file, line: header.line,
                "the header has no identifier column \"\(configuration.identifier)\" (it has: \(header.fields.joined(separator: ", ")))"
                    + Self.delimiterHint(header.fields, configuration: configuration))
            return
        }
        columns.formUnion(names.filter { !$0.isEmpty })
        if let line = document.unterminatedQuoteLine {
            fileProblem(file, line: line, "a quoted field opened here is never closed; the rest of the file is not read as rows")
        }
        for record in document.records.dropFirst() where !record.isBlank {
            let place = "\(file), line \(record.line)"
            let identifier = identifierIndex < record.fields.count
                ? record.fields[identifierIndex].trimmingCharacters(in: .whitespaces) : ""
            if !identifier.isEmpty { places[identifier, default: []].append(place) }
            var reason = record.problem
            if reason == nil, record.fields.count != names.count {
                reason = "\(record.fields.count) fields where the header has \(names.count)"
            }
            if reason == nil, identifier.isEmpty { reason = "the identifier column \"\(configuration.identifier)\" is empty" }
            if let reason {
                rowProblem(identifier, "\(place): \(reason)")
                continue
            }
            var attributes: [String: [String]] = [:]
            // The row's cells in column order: an unchanged row is not mapped again.
            var digest = SourceDigest()
            for (name, value) in zip(names, record.fields) where !name.isEmpty && !value.isEmpty {
                attributes[name] = [value]
                digest.add(name, kind: .name)
                digest.add(value, kind: .value)
            }
            let object = SourceObject(
                kind: .user, anchor: Anchor(identifier), source: source, baseDN: countKey, attributes: attributes, digest: digest.finish())
            let groups = configuration.groups.map { column in
                object.values(column).flatMap { $0.components(separatedBy: configuration.groupSeparator) }
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } ?? []
            rows.append(Row(object: object, groups: groups, deleted: configuration.deleted?.matches(object) ?? false, place: place))
        }
    }

    private mutating func rowProblem(_ identifier: String, _ detail: String) {
        if identifier.isEmpty {
            problems.append(SourceReadProblem(code: .sourceRowInvalid, detail: detail + "; nothing is deleted or deactivated until it is fixed"))
        } else {
            held.insert(identifier)
            problems.append(SourceReadProblem(code: .sourceRowInvalid, anchor: Anchor(identifier), detail: detail))
        }
    }

    /// The anchor of the group made from a name in the groups column: the
    /// name case-folded as the target compares names, so `Sales` and
    /// `sales` are one group and renaming it to `SALES` keeps it.
    public static func groupAnchor(_ name: String) -> Anchor {
        Anchor("csv-group:" + SCIMCaseFolding.key(name))
    }

    public func finish() -> CSVRead {
        var builder = self
        var users: [SourceObject] = []
        var deleted: [Anchor] = []
        for row in rows {
            let identifier = row.object.anchor.rawValue
            let rowPlaces = places[identifier] ?? []
            if rowPlaces.count > 1 {
                let others = rowPlaces.filter { $0 != row.place }.joined(separator: "; ")
                builder.rowProblem(identifier, "\(row.place): the identifier \"\(identifier)\" is also that of \(others)")
                continue
            }
            if held.contains(identifier) { continue }
            if row.deleted { deleted.append(row.object.anchor) } else { users.append(row.object) }
        }
        // Groups from names, in the order first seen; the first spelling names the group.
        var groupNames: [Anchor: String] = [:]
        var groupOrder: [Anchor] = []
        var members: [Anchor: Set<Anchor>] = [:]
        let active = Set(users.map(\.anchor))
        for row in rows where active.contains(row.object.anchor) {
            for name in row.groups {
                let anchor = Self.groupAnchor(name)
                if groupNames[anchor] == nil {
                    groupNames[anchor] = name
                    groupOrder.append(anchor)
                }
                members[anchor, default: []].insert(row.object.anchor)
            }
        }
        let groups = groupOrder.map { anchor in
            SourceObject(
                kind: .group, anchor: anchor, source: source, baseDN: countKey,
                attributes: Dictionary(uniqueKeysWithValues: Self.groupAttributes.map { ($0, [groupNames[anchor] ?? ""]) }),
                members: (members[anchor] ?? []).sorted())
        }
        return CSVRead(
            objects: users + groups, deleted: deleted, problems: builder.problems,
            counts: [countKey: SourceCount(users: users.count, groups: groups.count)],
            attributeNames: columns.isEmpty ? nil : SourceAttributeNames(
                source: source, origin: "the header of its files", users: columns, groups: Self.groupAttributes,
                defaults: .csvDefaults))
    }
}

/// What one read of a CSV source produced.
public struct CSVRead: Sendable {
    /// Users, then the groups made from names.
    public var objects: [SourceObject]
    /// Users whose row matches the `deleted` rule.
    public var deleted: [Anchor]
    /// `source-row-invalid` per bad row, `source-read-incomplete` per file
    /// that cannot be trusted as a whole.
    public var problems: [SourceReadProblem]
    public var counts: [String: SourceCount]
    /// The files' columns (users) and the groups' attributes; nil when no
    /// file had a usable header.
    public var attributeNames: SourceAttributeNames?

    /// Whether every file was read whole, so absence means "gone": no
    /// problem without an anchor (a held row's problem has one).
    public var isComplete: Bool { problems.allSatisfy { $0.anchor != nil } }
}
