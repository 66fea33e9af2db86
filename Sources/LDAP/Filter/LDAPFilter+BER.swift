import NIOCore
/// The BER form of a filter, RFC 4511 §4.5.1.7.
extension LDAPFilter {
    private enum Tag {
        static let and = BERTag.context(0, constructed: true)
        static let or = BERTag.context(1, constructed: true)
        static let not = BERTag.context(2, constructed: true)
        static let equalityMatch = BERTag.context(3, constructed: true)
        static let substrings = BERTag.context(4, constructed: true)
        static let greaterOrEqual = BERTag.context(5, constructed: true)
        static let lessOrEqual = BERTag.context(6, constructed: true)
        static let present = BERTag.context(7)
        static let approxMatch = BERTag.context(8, constructed: true)
        static let extensibleMatch = BERTag.context(9, constructed: true)
        // SubstringFilter.substrings CHOICE.
        static let initial = BERTag.context(0)
        static let any = BERTag.context(1)
        static let final = BERTag.context(2)
        // MatchingRuleAssertion fields.
        static let matchingRule = BERTag.context(1)
        static let type = BERTag.context(2)
        static let matchValue = BERTag.context(3)
        static let dnAttributes = BERTag.context(4)
    }

    /// Nesting deeper than this is refused when decoding, so a hostile peer
    /// cannot exhaust the stack.
    static let maximumDepth = 64

    func write(to writer: inout BERWriter) {
        switch self {
        case .and(let filters):
            // SET OF is written in the caller's order, as ldapsearch does.
            writer.writeConstructed(Tag.and) { w in filters.forEach { $0.write(to: &w) } }
        case .or(let filters):
            writer.writeConstructed(Tag.or) { w in filters.forEach { $0.write(to: &w) } }
        case .not(let filter):
            writer.writeConstructed(Tag.not) { w in filter.write(to: &w) }
        case .equal(let type, let value):
            Self.writeAssertion(Tag.equalityMatch, type, value, to: &writer)
        case .greaterOrEqual(let type, let value):
            Self.writeAssertion(Tag.greaterOrEqual, type, value, to: &writer)
        case .lessOrEqual(let type, let value):
            Self.writeAssertion(Tag.lessOrEqual, type, value, to: &writer)
        case .approx(let type, let value):
            Self.writeAssertion(Tag.approxMatch, type, value, to: &writer)
        case .present(let type):
            writer.writeString(type, tag: Tag.present)
        case .substrings(let type, let initial, let any, let final):
            writer.writeConstructed(Tag.substrings) { w in
                w.writeString(type)
                w.writeSequence { s in
                    if let initial { s.writeOctetString(initial, tag: Tag.initial) }
                    for part in any { s.writeOctetString(part, tag: Tag.any) }
                    if let final { s.writeOctetString(final, tag: Tag.final) }
                }
            }
        case .extensible(let rule, let type, let value, let dnAttributes):
            writer.writeConstructed(Tag.extensibleMatch) { w in
                if let rule { w.writeString(rule, tag: Tag.matchingRule) }
                if let type { w.writeString(type, tag: Tag.type) }
                w.writeOctetString(value, tag: Tag.matchValue)
                if dnAttributes { w.writeBoolean(true, tag: Tag.dnAttributes) }
            }
        }
    }

    private static func writeAssertion(_ tag: BERTag, _ type: String, _ value: [UInt8], to writer: inout BERWriter) {
        writer.writeConstructed(tag) { w in
            w.writeString(type)
            w.writeOctetString(value)
        }
    }

    static func read(from reader: inout BERReader, depth: Int = 0) throws(BERError) -> LDAPFilter {
        guard depth < maximumDepth else { throw BERError(.lengthTooLarge, context: "Filter nesting") }
        let (tag, content) = try reader.readElement()
        var inner = BERReader(content, context: "Filter")
        switch tag {
        case Tag.and, Tag.or:
            var filters: [LDAPFilter] = []
            while !inner.isAtEnd { filters.append(try read(from: &inner, depth: depth + 1)) }
            return tag == Tag.and ? .and(filters) : .or(filters)
        case Tag.not:
            let filter = try read(from: &inner, depth: depth + 1)
            try inner.expectEnd()
            return .not(filter)
        case Tag.equalityMatch, Tag.greaterOrEqual, Tag.lessOrEqual, Tag.approxMatch:
            let type = try inner.readString()
            let value = try inner.readOctetString()
            try inner.expectEnd()
            switch tag {
            case Tag.equalityMatch: return .equal(type, value)
            case Tag.greaterOrEqual: return .greaterOrEqual(type, value)
            case Tag.lessOrEqual: return .lessOrEqual(type, value)
            default: return .approx(type, value)
            }
        case Tag.present:
            return .present(try BERReader.string(from: content, context: "Filter.present"))
        case Tag.substrings:
            let type = try inner.readString()
            var parts = try inner.readConstructed(.sequence, context: "SubstringFilter")
            var initial: [UInt8]?
            var any: [[UInt8]] = []
            var final: [UInt8]?
            while !parts.isAtEnd {
                let (partTag, partContent) = try parts.readElement()
                let bytes = Array(partContent.readableBytesView)
                switch partTag {
                case Tag.initial: initial = bytes
                case Tag.any: any.append(bytes)
                case Tag.final: final = bytes
                default: throw BERError(.unexpectedTag(expected: Tag.any, found: partTag), context: "SubstringFilter")
                }
            }
            return .substrings(type, initial: initial, any: any, final: final)
        case Tag.extensibleMatch:
            let rule = try inner.readOptionalElement(Tag.matchingRule).map { c throws(BERError) in try BERReader.string(from: c, context: "matchingRule") }
            let type = try inner.readOptionalElement(Tag.type).map { c throws(BERError) in try BERReader.string(from: c, context: "type") }
            let value = try inner.readOctetString(tag: Tag.matchValue)
            let dnAttributes = inner.isAtEnd ? false : try inner.readBoolean(tag: Tag.dnAttributes)
            return .extensible(matchingRule: rule, type: type, value: value, dnAttributes: dnAttributes)
        default:
            throw BERError(.unexpectedTag(expected: Tag.and, found: tag), context: "Filter")
        }
    }
}
