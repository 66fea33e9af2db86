extension SCIMFilter {
    /// Whether `resource` matches, with attribute characteristics from
    /// `catalog` (RFC 7644 §3.4.2.2).
    ///
    /// For tests, PATCH value filters and small in-memory sets; the server
    /// translates filters to SQL for its stores. The rules:
    /// - A multi-valued attribute matches when any of its values does; a
    ///   complex value compared without a sub-attribute is compared by its
    ///   `value` sub-attribute (`emails co "@x.com"`).
    /// - Strings compare case-exactly only where the attribute is
    ///   `caseExact`; otherwise through `SCIMCaseFolding.key`, the same key
    ///   the server stores. `dateTime` attributes compare chronologically.
    /// - `ne` is the negation of `eq`, so an absent attribute is "not equal";
    ///   `eq null` matches an unassigned attribute, `ne null` an assigned one.
    /// - Ordering (`gt` …) applies to strings, numbers and dates; comparing
    ///   a boolean other than by `eq`/`ne`, or values of different JSON
    ///   types, does not match. (A server should refuse such filters with
    ///   `invalidFilter` up front.)
    /// - A path qualified with an extension URN looks inside that extension's
    ///   object; one qualified with a core URN looks at the top level.
    public func matches(_ resource: JSON, catalog: SCIMAttributeCatalog = .core) -> Bool {
        matches(resource, traits: catalog.traits(for:))
    }

    /// As `matches(_:catalog:)`, with characteristics from a closure.
    public func matches(_ resource: JSON, traits: (SCIMAttributePath) -> SCIMAttributeTraits) -> Bool {
        withoutActuallyEscaping(traits) { traits in
            SCIMFilterEvaluator(traits: traits).matches(self, in: resource, parent: nil)
        }
    }
}

struct SCIMFilterEvaluator {
    let traits: (SCIMAttributePath) -> SCIMAttributeTraits

    func matches(_ filter: SCIMFilter, in context: JSON, parent: SCIMAttributePath?) -> Bool {
        switch filter {
        case .and(let operands):
            return operands.allSatisfy { matches($0, in: context, parent: parent) }
        case .or(let operands):
            return operands.contains { matches($0, in: context, parent: parent) }
        case .not(let inner):
            return !matches(inner, in: context, parent: parent)
        case .present(let path):
            return values(of: path, in: context, parent: parent).contains { value in
                !value.isUnassigned && value != .string("")
            }
        case .comparison(let path, let op, let expected):
            let found = values(of: path, in: context, parent: parent).map(Self.comparable)
            let fullTraits = traits(Self.fullPath(path, parent: parent))
            switch (op, expected) {
            case (.eq, .null): return found.isEmpty
            case (.ne, .null): return !found.isEmpty
            case (.ne, _):
                return !found.contains { Self.compare($0, .eq, expected, fullTraits) }
            default:
                return found.contains { Self.compare($0, op, expected, fullTraits) }
            }
        case .valuePath(let path, let inner):
            // The inner filter sees each value as its own context.
            return values(of: path, in: context, parent: parent).contains { element in
                matches(inner, in: element, parent: Self.fullPath(path, parent: parent))
            }
        }
    }

    static func fullPath(_ path: SCIMAttributePath, parent: SCIMAttributePath?) -> SCIMAttributePath {
        parent.map { $0.appending(path.name) } ?? path
    }

    /// The assigned values at `path`, multi-valued attributes flattened.
    func values(of path: SCIMAttributePath, in context: JSON, parent: SCIMAttributePath?) -> [JSON] {
        var container = context
        if parent == nil, let schema = path.schema, let extensionObject = context[schema], case .object = extensionObject {
            container = extensionObject
        }
        guard let attribute = container[path.name] else { return [] }
        var found = Self.flatten(attribute)
        if let sub = path.subAttribute {
            found = found.flatMap { element in element[sub].map(Self.flatten) ?? [] }
        }
        return found.filter { $0 != .null }
    }

    private static func flatten(_ value: JSON) -> [JSON] {
        if case .array(let elements) = value { return elements }
        return [value]
    }

    /// A complex value stands for its `value` sub-attribute in comparisons.
    private static func comparable(_ value: JSON) -> JSON {
        if case .object = value, let inner = value["value"] { return inner }
        return value
    }

    static func compare(_ actual: JSON, _ op: SCIMComparisonOperator, _ expected: SCIMFilterValue, _ traits: SCIMAttributeTraits) -> Bool {
        switch (actual, expected) {
        case (.string(let actual), .string(let expected)):
            if traits.type == .dateTime, let a = SCIMDateTime(parsing: actual), let b = SCIMDateTime(parsing: expected),
                let result = order(a, op, b)
            {
                return result
            }
            let a = traits.caseExact ? actual : SCIMCaseFolding.key(actual)
            let b = traits.caseExact ? expected : SCIMCaseFolding.key(expected)
            switch op {
            case .co: return b.isEmpty || a.contains(b)
            case .sw: return a.hasPrefix(b)
            case .ew: return a.hasSuffix(b)
            default: return order(a, op, b) ?? false
            }
        case (.number(let actual), .number(let expected)):
            return order(actual, op, expected) ?? false
        case (.bool(let actual), .bool(let expected)):
            return op == .eq ? actual == expected : op == .ne ? actual != expected : false
        default:
            return false
        }
    }

    /// The ordering operators (and eq/ne); `nil` for co/sw/ew.
    private static func order<T: Comparable>(_ a: T, _ op: SCIMComparisonOperator, _ b: T) -> Bool? {
        switch op {
        case .eq: a == b
        case .ne: a != b
        case .gt: a > b
        case .ge: a >= b
        case .lt: a < b
        case .le: a <= b
        case .co, .sw, .ew: nil
        }
    }
}
