/// A SCIM filter (RFC 7644 §3.4.2.2).
///
/// `and` and `or` are n-ary with at least two operands and never directly
/// contain their own kind: the parser flattens `a and (b and c)` into one
/// `and`, since both are associative. That makes the tree shallow for long
/// chains (no deep recursion in the evaluator or in SQL translation) and
/// gives equal filters equal trees.
public indirect enum SCIMFilter: Sendable, Hashable {
    case and([SCIMFilter])
    case or([SCIMFilter])
    case not(SCIMFilter)
    /// `attrPath pr`
    case present(SCIMAttributePath)
    /// `attrPath compareOp compValue`
    case comparison(SCIMAttributePath, SCIMComparisonOperator, SCIMFilterValue)
    /// `attrPath "[" valFilter "]"`: the inner filter's paths name
    /// sub-attributes of each value of the attribute.
    case valuePath(SCIMAttributePath, SCIMFilter)
}

/// `compareOp` (RFC 7644 §3.4.2.2, Table 3), read case-insensitively.
public enum SCIMComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case eq, ne, co, sw, ew, gt, ge, lt, le
}

/// `compValue = false / null / true / number / string` (RFC 7644 §3.4.2.2).
public enum SCIMFilterValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// The value as JSON, the form it is written in.
    public var json: JSON {
        switch self {
        case .string(let value): .string(value)
        case .number(let value): .number(value)
        case .bool(let value): .bool(value)
        case .null: .null
        }
    }
}

extension SCIMFilter {
    /// Limits that keep hostile filters cheap to refuse.
    public struct Limits: Sendable, Hashable {
        /// Longest filter accepted, in UTF-8 bytes.
        public var maximumLength: Int
        /// Deepest nesting of parentheses, `not` and value paths.
        public var maximumDepth: Int

        public init(maximumLength: Int = 8192, maximumDepth: Int = 32) {
            self.maximumLength = maximumLength
            self.maximumDepth = maximumDepth
        }

        public static let `default` = Limits()
    }

    /// Parses a filter string (RFC 7644 §3.4.2.2).
    ///
    /// Operators, `and`/`or`/`not` and the literals `true`/`false`/`null` are
    /// case-insensitive (ABNF strings are, RFC 5234 §2.3). Precedence, from
    /// strongest: grouping, `not`, `and`, `or`. Comparison values are JSON
    /// literals, so a string can hold anything (quotes, `'`, `;`, `--`) and
    /// stays one literal. Whitespace between tokens may be any run of spaces
    /// or tabs. Refused: nested value paths (`a[b[c pr]]`), which the
    /// grammar's `valFilter` does not allow.
    public init(parsing text: String, limits: Limits = .default) throws(SCIMSyntaxError) {
        var parser = SCIMExpressionParser(text, context: .filter, limits: limits)
        self = try parser.parseWholeFilter()
    }

    /// `lhs and rhs`, flattened.
    public static func conjunction(_ operands: [SCIMFilter]) -> SCIMFilter {
        let flat = operands.flatMap { operand -> [SCIMFilter] in
            if case .and(let inner) = operand { return inner }
            return [operand]
        }
        return flat.count == 1 ? flat[0] : .and(flat)
    }

    /// `lhs or rhs`, flattened.
    public static func disjunction(_ operands: [SCIMFilter]) -> SCIMFilter {
        let flat = operands.flatMap { operand -> [SCIMFilter] in
            if case .or(let inner) = operand { return inner }
            return [operand]
        }
        return flat.count == 1 ? flat[0] : .or(flat)
    }

    /// Every attribute path the filter tests, value paths' inner paths made
    /// full (`emails.type`). For a server that checks paths against its
    /// schema or its indexes before running a query.
    public var attributePaths: [SCIMAttributePath] {
        var paths: [SCIMAttributePath] = []
        collectPaths(parent: nil, into: &paths)
        return paths
    }

    private func collectPaths(parent: SCIMAttributePath?, into paths: inout [SCIMAttributePath]) {
        func full(_ path: SCIMAttributePath) -> SCIMAttributePath {
            parent.map { $0.appending(path.name) } ?? path
        }
        switch self {
        case .and(let operands), .or(let operands):
            for operand in operands { operand.collectPaths(parent: parent, into: &paths) }
        case .not(let inner): inner.collectPaths(parent: parent, into: &paths)
        case .present(let path), .comparison(let path, _, _): paths.append(full(path))
        case .valuePath(let path, let inner): inner.collectPaths(parent: path, into: &paths)
        }
    }
}
