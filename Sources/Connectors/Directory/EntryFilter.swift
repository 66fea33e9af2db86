public import LDAP

/// An RFC 4515 filter evaluated on entries the agent already holds: LDIF
/// records, and entries of a search whose results must be sorted into users
/// and groups. The server evaluates the same filters in a search (RFC 4511
/// §4.5.1.7); this is the client-side counterpart, so an LDIF file and a live
/// directory choose the same objects.
///
/// Supported: and, or, not, equality, presence, substrings, greater/less or
/// equal, and Active Directory's bitwise matching rules
/// (`1.2.840.113556.1.4.803` AND, `.804` OR) used in `userAccountControl`
/// filters. Approximate matches (`~=`) and other extensible matches depend
/// on server-side matching rules and are refused when the filter is built,
/// never silently treated as false.
///
/// Text comparisons ignore case, as the matching rules of the usual
/// attributes do (caseIgnoreMatch, caseIgnoreSubstringsMatch,
/// objectIdentifierMatch for objectClass). Values that are not UTF-8 (an
/// objectGUID) compare as octets.
public struct EntryFilter: Sendable, Hashable, CustomStringConvertible {
    public let filter: LDAPFilter

    public var description: String { filter.description }

    /// Checks that every part of `filter` can be evaluated.
    public init(_ filter: LDAPFilter) throws(EntryFilterError) {
        try Self.validate(filter, whole: filter)
        self.filter = filter
    }

    /// Parses the RFC 4515 string form and checks it.
    public init(parsing text: String) throws(EntryFilterError) {
        let parsed: LDAPFilter
        do {
            parsed = try LDAPFilter(parsing: text)
        } catch {
            throw EntryFilterError(filter: text, reason: "is not a valid RFC 4515 filter: \(error)")
        }
        try self.init(parsed)
    }

    public func matches(_ entry: LDAPEntry) -> Bool {
        Self.evaluate(filter, on: entry)
    }

    // MARK: - Validation

    static let bitwiseAnd = "1.2.840.113556.1.4.803"
    static let bitwiseOr = "1.2.840.113556.1.4.804"

    private static func validate(_ filter: LDAPFilter, whole: LDAPFilter) throws(EntryFilterError) {
        switch filter {
        case .and(let parts), .or(let parts):
            for part in parts { try validate(part, whole: whole) }
        case .not(let part):
            try validate(part, whole: whole)
        case .equal, .substrings, .greaterOrEqual, .lessOrEqual, .present:
            break
        case .approx(let type, _):
            throw EntryFilterError(
                filter: whole.description,
                reason: "uses an approximate match on \(type) (~=), whose meaning depends on the server; use = or a substring match")
        case .extensible(let rule, let type, _, let dnAttributes):
            guard let rule, rule == bitwiseAnd || rule == bitwiseOr, type != nil, !dnAttributes else {
                throw EntryFilterError(
                    filter: whole.description,
                    reason: "uses an extensible match (\(rule ?? "no rule")) that only the server can evaluate; supported: \(bitwiseAnd) and \(bitwiseOr) on an attribute")
            }
        }
    }

    // MARK: - Evaluation

    private static func evaluate(_ filter: LDAPFilter, on entry: LDAPEntry) -> Bool {
        switch filter {
        case .and(let parts):
            return parts.allSatisfy { evaluate($0, on: entry) }
        case .or(let parts):
            return parts.contains { evaluate($0, on: entry) }
        case .not(let part):
            return !evaluate(part, on: entry)
        case .present(let type):
            if type.lowercased() == "objectclass" { return true }
            var found = false
            entry.forEachValue(of: type) { _ in found = true }
            return found
        case .equal(let type, let assertion):
            // Every entry of a read meets the user and group filters: the
            // values are compared where they lie, not decoded first.
            let category = type.lowercased() == "objectcategory"
            var found = false
            entry.forEachValue(of: type) { value in
                guard !found else { return }
                found = category ? objectCategory(Array(value), matches: assertion) : equal(value, assertion)
            }
            return found
        case .substrings(let type, let initial, let any, let final):
            let values = entry.attribute(type)?.values ?? []
            return values.contains { substrings($0, initial: initial, any: any, final: final) }
        case .greaterOrEqual(let type, let assertion):
            return (entry.attribute(type)?.values ?? []).contains { compare($0, assertion).map { $0 >= 0 } ?? false }
        case .lessOrEqual(let type, let assertion):
            return (entry.attribute(type)?.values ?? []).contains { compare($0, assertion).map { $0 <= 0 } ?? false }
        case .approx:
            return false  // refused by validate
        case .extensible(let rule, let type, let assertion, _):
            guard let type, let mask = UInt64(text(assertion) ?? "") else { return false }
            let values = entry.attribute(type)?.values ?? []
            return values.contains { raw in
                // AD writes userAccountControl as a signed 32-bit decimal.
                guard let number = Int64(text(raw) ?? "") else { return false }
                let bits = UInt64(bitPattern: number)
                return rule == bitwiseAnd ? bits & mask == mask : bits & mask != 0
            }
        }
    }

    private static func text(_ bytes: [UInt8]) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    /// Case-folded text, or nil for values that are not UTF-8.
    private static func folded(_ bytes: [UInt8]) -> String? {
        text(bytes)?.lowercased()
    }

    /// ASCII text compares byte by byte with A–Z folded (what lowercasing
    /// does to it); anything else as below.
    private static func equal(_ value: UnsafeRawBufferPointer, _ assertion: [UInt8]) -> Bool {
        guard value.allSatisfy({ $0 < 0x80 }), assertion.allSatisfy({ $0 < 0x80 }) else { return equal(Array(value), assertion) }
        guard value.count == assertion.count else { return false }
        for (left, right) in zip(value, assertion) where asciiLower(left) != asciiLower(right) { return false }
        return true
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    private static func equal(_ value: [UInt8], _ assertion: [UInt8]) -> Bool {
        if let value = folded(value), let assertion = folded(assertion) { return value == assertion }
        return value == assertion
    }

    /// Active Directory stores objectCategory as a DN
    /// (`CN=Person,CN=Schema,CN=Configuration,…`) and lets a filter name just
    /// the class (`objectCategory=person`); LDIF exports keep the DN.
    private static func objectCategory(_ value: [UInt8], matches assertion: [UInt8]) -> Bool {
        if equal(value, assertion) { return true }
        guard let wanted = folded(assertion), !wanted.contains("="), let text = text(value),
            let dn = DistinguishedName(text)
        else { return false }
        return dn.leafValue == wanted
    }

    /// RFC 4511 §4.5.1.7.2: initial, then each `any` in order, then final,
    /// without overlapping.
    private static func substrings(_ value: [UInt8], initial: [UInt8]?, any: [[UInt8]], final: [UInt8]?) -> Bool {
        let haystack: [Character]
        let fold: ([UInt8]) -> [Character]
        if let text = folded(value) {
            haystack = Array(text)
            fold = { Array(folded($0) ?? "") }
        } else {
            haystack = value.map { Character(Unicode.Scalar($0)) }
            fold = { $0.map { Character(Unicode.Scalar($0)) } }
        }
        var start = 0
        var end = haystack.count
        if let initial {
            let prefix = fold(initial)
            guard haystack.count >= prefix.count, Array(haystack[0..<prefix.count]) == prefix else { return false }
            start = prefix.count
        }
        if let final {
            let suffix = fold(final)
            guard end - start >= suffix.count, Array(haystack[(end - suffix.count)..<end]) == suffix else { return false }
            end -= suffix.count
        }
        for part in any.map(fold) where !part.isEmpty {
            guard let found = firstIndex(of: part, in: haystack, from: start, to: end) else { return false }
            start = found + part.count
        }
        return true
    }

    private static func firstIndex(of needle: [Character], in haystack: [Character], from start: Int, to end: Int) -> Int? {
        guard end - start >= needle.count else { return nil }
        for index in start...(end - needle.count) where Array(haystack[index..<(index + needle.count)]) == needle {
            return index
        }
        return nil
    }

    /// Integers compare as numbers (integerOrderingMatch); other text
    /// without case, which orders GeneralizedTime values of one form correctly.
    private static func compare(_ value: [UInt8], _ assertion: [UInt8]) -> Int? {
        guard let value = folded(value), let assertion = folded(assertion) else { return nil }
        if let left = Int64(value), let right = Int64(assertion) { return left < right ? -1 : (left == right ? 0 : 1) }
        return value < assertion ? -1 : (value == assertion ? 0 : 1)
    }
}

/// A filter the agent cannot evaluate on entries it holds.
public struct EntryFilterError: Error, Sendable, Hashable, CustomStringConvertible {
    public let filter: String
    public let reason: String

    public var description: String { "the filter \(filter) \(reason)" }
}
