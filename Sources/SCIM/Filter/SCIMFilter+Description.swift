extension SCIMFilter: CustomStringConvertible {
    /// The canonical string form: lower-case operators and keywords, one
    /// space between tokens, values as JSON literals, and parentheses only
    /// where precedence needs them (an `or` inside an `and`). Attribute paths
    /// keep the spelling they were parsed with.
    /// `SCIMFilter(parsing: filter.description) == filter` for every filter
    /// the parser produces.
    public var description: String {
        var output = ""
        append(to: &output)
        return output
    }

    private func append(to output: inout String) {
        switch self {
        case .or(let operands):
            for (position, operand) in operands.enumerated() {
                if position > 0 { output += " or " }
                operand.append(to: &output)
            }
        case .and(let operands):
            for (position, operand) in operands.enumerated() {
                if position > 0 { output += " and " }
                if case .or = operand {
                    output += "("
                    operand.append(to: &output)
                    output += ")"
                } else {
                    operand.append(to: &output)
                }
            }
        case .not(let inner):
            output += "not ("
            inner.append(to: &output)
            output += ")"
        case .present(let path):
            output += path.description + " pr"
        case .comparison(let path, let op, let value):
            output += path.description + " " + op.rawValue + " " + value.json.serializedString()
        case .valuePath(let path, let inner):
            output += path.description + "["
            inner.append(to: &output)
            output += "]"
        }
    }
}

extension SCIMComparisonOperator: CustomStringConvertible {
    public var description: String { rawValue }
}
