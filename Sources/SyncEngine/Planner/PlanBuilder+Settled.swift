import Crypto
import Foundation
import SCIM

/// Unchanged objects, recognised without mapping them. A linked object
/// whose `settledDigest` is the one stored with its link (`Link.sourceDigest`,
/// set when its fields were last written or found unchanged) maps to what
/// was written: same source attributes and DN, same mapping and target
/// rules, same references. Mapping, validating and hashing it again would
/// give its stored hash; skipping that is most of a no-change run's work.
extension PlanBuilder {
    /// What decides an object's fields besides the object: the mapping,
    /// the names it writes under, the target's rules and verified domains,
    /// and its source's disabled rule and policy. Keyed by source and kind.
    static func mappingContext(kind: ObjectKind, source: String, mapper: ObjectMapper, settings: PlannerSettings, version: String) -> String {
        struct Context: Encodable {
            var version: String
            var kind: String
            var names: [String: String]
            var fields: [String]
            var rules: [FieldRule]
            var verifiedDomains: [String]?
            var disabled: AttributeRule?
            var userDisabled: String
        }
        let context = Context(
            version: version, kind: kind.rawValue, names: mapper.names, fields: mapper.fields.map(\.target), rules: mapper.rules,
            verifiedDomains: mapper.verifiedDomains?.sorted(), disabled: settings.disabledRules[source],
            userDisabled: settings.policies.userDisabled.rawValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding these plain values cannot fail; an empty context would
        // only never match a stored digest.
        let data = (try? encoder.encode(context)) ?? Data()
        return ContentHash.hex(of: Array(data), characters: 32)
    }

    /// The digest stored with the link while the object stays as written:
    /// the source's digest, the context, and what its references resolve to
    /// (a manager deleted since leaves the field out). nil when the source
    /// gives no digest.
    static func settledDigest(_ object: SourceObject, context: String, references: [Anchor?]) -> String? {
        guard let digest = object.digest else { return nil }
        // The hash of `digest|context|anchor…`, fed in parts (no string
        // built per object).
        var hasher = SHA256()
        func add(_ text: String) {
            var text = text
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        add(digest)
        add("|")
        add(context)
        for anchor in references {
            add("|")
            add(anchor?.rawValue ?? "-")
        }
        return ContentHash.hex(hasher.finalize(), characters: ObjectHash.objectHashLength)
    }

    /// Whether a linked object with an unchanged digest needs nothing: it
    /// is in the target, active as it should be, and its hash was written
    /// with this mapping. A disabled user is always mapped.
    func isSettled(_ object: SourceObject, link: Link, digest: String) -> Bool {
        link.sourceDigest == digest && !link.hash.isEmpty && link.active && !link.missingInTarget
            && link.mappingVersion == plan.mappingVersion && !isDisabled(object)
    }
}

/// The mapping context per kind and source, computed once each (a run
/// has one or two of each).
struct MappingContexts {
    private var known: [(kind: ObjectKind, source: String, context: String)] = []

    mutating func context(kind: ObjectKind, source: String, compute: () -> String) -> String {
        if let found = known.first(where: { $0.kind == kind && $0.source == source }) { return found.context }
        let context = compute()
        known.append((kind, source, context))
        return context
    }
}
