/// The characteristics of an attribute that filtering and PATCH depend on
/// (RFC 7643 §2.2–§2.4, §7): its type, whether it is multi-valued, whether
/// strings compare case-exactly, and its mutability.
public struct SCIMAttributeTraits: Sendable, Hashable {
    /// RFC 7643 §2.3.
    public enum DataType: String, Sendable, Hashable, CaseIterable {
        case string, boolean, decimal, integer, dateTime, binary, reference, complex
    }

    /// RFC 7643 §7 `mutability`.
    public enum Mutability: String, Sendable, Hashable, CaseIterable {
        case readOnly, readWrite, immutable, writeOnly
    }

    public var type: DataType
    public var multiValued: Bool
    public var caseExact: Bool
    public var mutability: Mutability

    public init(
        _ type: DataType = .string,
        multiValued: Bool = false,
        caseExact: Bool = false,
        mutability: Mutability = .readWrite
    ) {
        self.type = type
        self.multiValued = multiValued
        self.caseExact = caseExact
        self.mutability = mutability
    }

    /// What an attribute the catalogue does not know is taken to be (RFC 7643
    /// §2.2 defaults: string, single-valued, not case-exact, readWrite).
    public static let `default` = SCIMAttributeTraits()
}

/// Looks up `SCIMAttributeTraits` by attribute path: the filter evaluator and
/// the PATCH applier take one, the server builds one from its schemas
/// (including an organization's custom fields) and the agent from the
/// target's `/Schemas`.
public struct SCIMAttributeCatalog: Sendable {
    private let lookup: @Sendable (SCIMAttributePath) -> SCIMAttributeTraits?

    /// A catalogue answering from `lookup`; `nil` means "not known".
    public init(_ lookup: @escaping @Sendable (SCIMAttributePath) -> SCIMAttributeTraits?) {
        self.lookup = lookup
    }

    /// A catalogue from a table keyed by `name` or `name.sub` for attributes
    /// of the core schemas (`coreSchemas`), and by `urn:…:name` or
    /// `urn:…:name.sub` for extension attributes; keys are case-insensitive.
    public init(table: [String: SCIMAttributeTraits], coreSchemas: [String] = SCIMSchemaURN.core) {
        let lowered = Dictionary(table.map { (ASCIICaseInsensitive.key($0.key), $0.value) }) { first, _ in first }
        self.lookup = { path in lowered[SCIMAttributeCatalog.key(for: path, coreSchemas: coreSchemas)] }
    }

    /// The traits for `path`, or `SCIMAttributeTraits.default`.
    public func traits(for path: SCIMAttributePath) -> SCIMAttributeTraits {
        lookup(path) ?? .default
    }

    /// Whether the catalogue knows `path`.
    public func knows(_ path: SCIMAttributePath) -> Bool {
        lookup(path) != nil
    }

    /// This catalogue first, then `other` for what this one does not know.
    public func adding(_ other: SCIMAttributeCatalog) -> SCIMAttributeCatalog {
        let first = self
        return SCIMAttributeCatalog { path in first.lookup(path) ?? other.lookup(path) }
    }

    /// The table key of a path: `name[.sub]` for core attributes,
    /// `urn:…:name[.sub]` for extension attributes, lower-cased.
    public static func key(for path: SCIMAttributePath, coreSchemas: [String] = SCIMSchemaURN.core) -> String {
        var key = ""
        if let schema = path.schema, !SCIMSchemaURN.isCore(schema, among: coreSchemas) {
            key = ASCIICaseInsensitive.key(schema) + ":"
        }
        key += ASCIICaseInsensitive.key(path.name)
        if let sub = path.subAttribute { key += "." + ASCIICaseInsensitive.key(sub) }
        return key
    }
}
