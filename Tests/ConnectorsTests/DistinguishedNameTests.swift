import Testing

@testable import Connectors

@Suite("DistinguishedName: RFC 4514 comparison")
struct DistinguishedNameTests {
    @Test("case, spaces around separators and escapes do not change the DN")
    func equivalentSpellings() throws {
        let plain = try #require(DistinguishedName("cn=alice smith,ou=people,dc=example,dc=org"))
        for spelling in [
            "CN=Alice Smith,OU=People,DC=Example,DC=Org",
            "cn = Alice Smith , ou=People,  dc=example,dc=org",
            "cn=Alice\\20Smith,ou=People,dc=example,dc=org",
            "cn=Alice Smith;ou=People;dc=example;dc=org",
        ] {
            #expect(DistinguishedName(spelling) == plain, "\(spelling)")
        }
    }

    @Test("escaped separators stay part of the value; a multi-valued RDN's order does not matter")
    func escapesAndMultiValuedRDNs() throws {
        let escaped = try #require(DistinguishedName("cn=Smith\\, Alice,ou=People,dc=example,dc=org"))
        #expect(escaped.rdns.count == 4)
        #expect(DistinguishedName("cn=Smith\\2C Alice,ou=People,dc=example,dc=org") == escaped)
        #expect(DistinguishedName("cn=a+uid=b,dc=org") == DistinguishedName("UID=b + CN=a,dc=org"))
        #expect(DistinguishedName("cn=a,dc=org") != DistinguishedName("cn=b,dc=org"))
    }

    @Test("an escaped trailing space is significant, an unescaped one is not")
    func trailingSpaces() {
        #expect(DistinguishedName("cn=a ,dc=org") == DistinguishedName("cn=a,dc=org"))
        #expect(DistinguishedName("cn=a\\ ,dc=org") != DistinguishedName("cn=a,dc=org"))
    }

    @Test("subtree membership")
    func within() throws {
        let base = try #require(DistinguishedName("OU=People,DC=example,DC=org"))
        #expect(try #require(DistinguishedName("uid=x,ou=people,dc=example,dc=org")).isWithin(base))
        #expect(base.isWithin(base))
        #expect(!(try #require(DistinguishedName("uid=x,ou=alumni,dc=example,dc=org"))).isWithin(base))
        #expect(!(try #require(DistinguishedName("dc=example,dc=org"))).isWithin(base))
    }

    @Test("text that is not a DN is refused")
    func invalid() {
        #expect(DistinguishedName("not a dn") == nil)
        #expect(DistinguishedName("cn=a,,dc=org") == nil)
        #expect(DistinguishedName("=a,dc=org") == nil)
        #expect(DistinguishedName("cn=a\\") == nil)
    }

    @Test("the shortcut for plain DNs gives what the full parser gives, and leaves every other DN to it")
    func simpleDNsParseAlike() {
        let plain = [
            "uid=ada.lovelace,ou=People,dc=example,dc=org", "CN=Ada King,OU=Staff,DC=Corp,DC=Example,DC=com",
            "cn=Team 7-b,ou=groups,dc=x", "o=acme", "1.3.6.1.4.1.1466.0=value,dc=org", "cn=a.b_c(d)e!f,dc=org",
        ]
        for text in plain {
            #expect(DistinguishedName.parseSimple(text) != nil, "\(text)")
            #expect(DistinguishedName.parseSimple(text) == DistinguishedName.parse(text), "\(text)")
        }
        let others = [
            "", " cn=a,dc=org", "cn=a ,dc=org", "cn= a,dc=org", "cn =a,dc=org", "cn=a,,dc=org", "cn=a,dc=org,", "=a,dc=org",
            "cn=,dc=org", "cn=a+uid=b,dc=org", "cn=Smith\\, Alice,dc=org", "cn=#04024869,dc=org", "cn=a;dc=org", "cn=a=b,dc=org",
            "cn=\"quoted\",dc=org", "cn=Zoë,dc=org", "cn=a\\20,dc=org",
        ]
        for text in others {
            #expect(DistinguishedName.parseSimple(text) == nil, "\(text)")
        }
    }
}
