import Foundation
import SCIM

/// The `attributes` and `excludedAttributes` parameters (RFC 7644
/// §3.4.2.5): which attributes a response carries. `id` and `schemas` are
/// always returned (RFC 7643 §2.4, returned "always").
struct AttributeProjection: Sendable {
    var included: [SCIMAttributePath]?
    var excluded: [SCIMAttributePath]

    static let everything = AttributeProjection(included: nil, excluded: [])

    init(included: [SCIMAttributePath]?, excluded: [SCIMAttributePath]) {
        self.included = included
        self.excluded = excluded
    }

    /// Reads the two comma-separated lists; a malformed path is 400 invalidPath.
    init(attributes: String?, excludedAttributes: String?) throws(DirectoryError) {
        func parse(_ text: String?) throws(DirectoryError) -> [SCIMAttributePath]? {
            guard let text, !text.isEmpty else { return nil }
            var paths: [SCIMAttributePath] = []
            for part in text.split(separator: ",") {
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                do {
                    paths.append(try SCIMAttributePath(parsing: trimmed))
                } catch {
                    throw .scim(SCIMError(status: 400, scimType: .invalidPath, detail: "\(error)"))
                }
            }
            return paths
        }
        included = try parse(attributes)
        excluded = try parse(excludedAttributes) ?? []
    }

    /// Whether the response needs the top-level attribute `name` at all
    /// (so a store can skip reading a group's members).
    func wants(_ name: String) -> Bool {
        let isCore: (SCIMAttributePath) -> Bool = { path in path.schema.map { SCIMSchemaURN.core.contains(where: $0.caseInsensitiveEquals) } ?? true }
        if excluded.contains(where: { $0.name.caseInsensitiveEquals(name) && $0.subAttribute == nil && isCore($0) }) { return false }
        guard let included else { return true }
        return included.contains { $0.name.caseInsensitiveEquals(name) && isCore($0) }
    }

    /// No `attributes` and no `excludedAttributes`: the default set.
    var keepsEverything: Bool { included == nil && excluded.isEmpty }

    func apply(_ resource: JSON) -> JSON {
        guard case .object(let object) = resource else { return resource }
        // The default set (most requests) is the resource as it is, less an
        // empty extension object, which the general path below drops too.
        if keepsEverything, !object.contains(where: Self.isEmptyExtension) { return resource }
        var result: JSONObject = [:]
        for member in object {
            let key = member.key
            if ["id", "schemas"].contains(key.lowercased()) {
                result[key] = member.value
            } else if key.lowercased().hasPrefix("urn:") {
                if let value = project(member.value, schema: key) { result[key] = value }
            } else if let value = project(member.value, name: key, schema: nil) {
                result[key] = value
            }
        }
        return .object(result)
    }

    /// An extension object (a member named by a schema URN) with nothing
    /// in it: no answer shows one.
    static func isEmptyExtension(_ member: JSONObject.Member) -> Bool {
        guard case .object(let object) = member.value, object.isEmpty else { return false }
        return member.key.lowercased().hasPrefix("urn:")
    }

    /// An extension object: each of its attributes is matched with the URN.
    private func project(_ value: JSON, schema: String) -> JSON? {
        guard case .object(let object) = value else { return value }
        var result: JSONObject = [:]
        for member in object {
            if let kept = project(member.value, name: member.key, schema: schema) { result[member.key] = kept }
        }
        return result.isEmpty ? nil : .object(result)
    }

    private func project(_ value: JSON, name: String, schema: String?) -> JSON? {
        // A path without a URN, or with a core schema's, names a core
        // attribute; an extension's URN names that extension's attribute.
        func matches(_ path: SCIMAttributePath) -> Bool {
            guard path.name.caseInsensitiveEquals(name) else { return false }
            let pathIsCore = path.schema.map { SCIMSchemaURN.core.contains(where: $0.caseInsensitiveEquals) } ?? true
            if let schema { return !pathIsCore && path.schema?.caseInsensitiveEquals(schema) == true }
            return pathIsCore
        }
        if excluded.contains(where: { matches($0) && $0.subAttribute == nil }) { return nil }
        var kept = value
        if let included {
            let paths = included.filter(matches)
            guard !paths.isEmpty else { return nil }
            if !paths.contains(where: { $0.subAttribute == nil }) {
                kept = Self.keepingSubAttributes(value, Set(paths.compactMap { $0.subAttribute?.lowercased() }))
            }
        }
        let excludedSubs = Set(excluded.filter { matches($0) }.compactMap { $0.subAttribute?.lowercased() })
        if !excludedSubs.isEmpty { kept = Self.removingSubAttributes(kept, excludedSubs) }
        return kept
    }

    private static func keepingSubAttributes(_ value: JSON, _ names: Set<String>) -> JSON {
        transform(value) { object in object.filter { names.contains($0.key.lowercased()) } }
    }

    private static func removingSubAttributes(_ value: JSON, _ names: Set<String>) -> JSON {
        transform(value) { object in object.filter { !names.contains($0.key.lowercased()) } }
    }

    /// Applies `filter` to a complex value, or to each complex value of a multi-valued one.
    private static func transform(_ value: JSON, _ filter: (JSONObject) -> [JSONObject.Member]) -> JSON {
        switch value {
        case .object(let object):
            return .object(JSONObject(filter(object).map { ($0.key, $0.value) }))
        case .array(let values):
            return .array(values.map { transform($0, filter) })
        default:
            return value
        }
    }
}
