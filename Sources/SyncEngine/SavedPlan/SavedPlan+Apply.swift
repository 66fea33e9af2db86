public import Foundation

extension SavedPlan {
    /// What of the saved plan still holds, given the plan the sources give
    /// now (`current`, planned from the same state): the saved actions of
    /// every object whose source hash is unchanged, the saved conditions,
    /// and a `plan-stale` condition for each object left out; with the
    /// target versions of the objects kept, for `If-Match`.
    public func applicable(current: Plan) -> (plan: Plan, versions: [Anchor: String]) {
        let now = Self.sourceHashes(current)
        var stale: [Anchor: String] = [:]
        var versions: [Anchor: String] = [:]
        for stamp in objects {
            guard let hash = now[stamp.anchor] else {
                stale[stamp.anchor] = "the source no longer asks for this change since the plan was made (written by another run, or changed back)"
                continue
            }
            if hash != stamp.sourceHash {
                stale[stamp.anchor] = "the object changed in the source since the plan was made"
                continue
            }
            if let version = stamp.targetVersion { versions[stamp.anchor] = version }
        }
        var result = plan
        result.actions = plan.actions.filter { stale[$0.anchor] == nil }
        // Saved-plan runs store no read statistics: they apply a subset.
        result.baseDNCounts = nil
        for stamp in objects {
            guard let detail = stale[stamp.anchor] else { continue }
            result.conditions.append(ConditionRecord(.planStale, anchor: stamp.anchor, kind: stamp.kind, detail: detail))
        }
        return (result, versions)
    }

    /// Refuses a plan made for another directory or data folder.
    public func check(targetURL: String, instanceID: String, dataFolder: String) throws(SavedPlanError) {
        if Self.normalized(self.targetURL) != Self.normalized(targetURL) {
            throw SavedPlanError(
                "the plan was made for the target \(self.targetURL), but the configuration writes to \(targetURL); make a new plan with `dsync plan --out`")
        }
        if self.instanceID != instanceID {
            throw SavedPlanError(
                "the plan was made from the data folder \(self.dataFolder) (instance \(self.instanceID)), not \(dataFolder) (instance \(instanceID)); apply it with the --data it was made with, or make a new plan")
        }
    }

    static func normalized(_ url: String) -> String {
        var text = url.lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The file as written: JSON, keys sorted, indented, dates in ISO 8601.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a plan file: its `format` and `formatVersion` first, so a file
    /// that is not a plan, or a newer format, is refused by name.
    public static func decode(_ data: Data) throws(SavedPlanError) -> SavedPlan {
        struct Header: Decodable {
            var format: String?
            var formatVersion: Int?
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let header = try? decoder.decode(Header.self, from: data), header.format == formatName else {
            throw SavedPlanError("not a dsync plan (a JSON file with \"format\": \"\(formatName)\", written by `dsync plan --out`)")
        }
        guard header.formatVersion == currentFormatVersion else {
            throw SavedPlanError(
                "the plan's format version \(header.formatVersion.map(String.init) ?? "(none)") is not the one this agent reads (\(currentFormatVersion)); make a new plan")
        }
        do {
            return try decoder.decode(SavedPlan.self, from: data)
        } catch {
            throw SavedPlanError("the plan file is damaged: \(error)")
        }
    }
}

/// Why a saved plan cannot be applied.
public struct SavedPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
