/// A search filter as a tree (RFC 4511 §4.5.1). `LDAPFilter(parsing:)` reads
/// the RFC 4515 string form; `description` writes it back.
///
/// Assertion values are raw octets: RFC 4515 escapes (`\2a`) denote bytes,
/// which need not be UTF-8 (an objectGUID match, for instance).
public indirect enum LDAPFilter: Sendable, Hashable {
    case and([LDAPFilter])
    case or([LDAPFilter])
    case not(LDAPFilter)
    case equal(String, [UInt8])
    case substrings(String, initial: [UInt8]?, any: [[UInt8]], final: [UInt8]?)
    case greaterOrEqual(String, [UInt8])
    case lessOrEqual(String, [UInt8])
    case present(String)
    case approx(String, [UInt8])
    /// RFC 4511 §4.5.1.7.7 MatchingRuleAssertion; at least one of
    /// `matchingRule` and `type` is present.
    case extensible(matchingRule: String?, type: String?, value: [UInt8], dnAttributes: Bool)

    /// `(objectClass=*)`, the filter that matches every entry.
    public static let everything = LDAPFilter.present("objectClass")

    /// An equality filter with a text value.
    public static func equal(_ type: String, _ value: String) -> LDAPFilter {
        .equal(type, Array(value.utf8))
    }
}
