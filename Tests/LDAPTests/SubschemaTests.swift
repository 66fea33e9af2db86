@testable import LDAP
import Testing

/// AttributeTypeDescription names (RFC 4512 §4.1.2), as OpenLDAP and
/// Active Directory write them.
@Suite struct SubschemaTests {
    @Test(arguments: [
        ("( 2.5.4.3 NAME ( 'cn' 'commonName' ) DESC 'RFC4519: common name(s) for which the entity is known by' SUP name )", ["cn", "commonname"]),
        ("( 0.9.2342.19200300.100.1.1 NAME ( 'uid' 'userid' ) EQUALITY caseIgnoreMatch )", ["uid", "userid"]),
        ("( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )", ["samaccountname"]),
        ("( 1.2.3 NAME 'x' DESC 'a NAME ( in a description' )", ["x"]),
        ("(1.2.3 NAME('a' 'b'))", ["a", "b"]),
        ("( 1.2.3 DESC 'no name' )", []),
        ("( 1.2.3 NAME cn SUP name )", ["cn"]),
        ("( 1.2.3 NAME ( sn surname ) )", ["sn", "surname"]),
    ])
    func names(description: String, expected: [String]) {
        #expect(LDAPSubschema.names(inDescription: description) == expected)
    }

    @Test func namesOfSeveralDescriptions() {
        let names = LDAPSubschema.attributeNames(in: ["( 2.5.4.4 NAME ( 'sn' 'surname' ) )", "( 2.5.4.42 NAME ( 'givenName' 'gn' ) )"])
        #expect(names == ["sn", "surname", "givenname", "gn"])
    }
}
