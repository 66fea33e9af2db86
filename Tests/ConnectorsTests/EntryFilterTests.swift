import Connectors
import LDAP
import Testing

@Suite("EntryFilter: RFC 4515 filters evaluated on entries")
struct EntryFilterTests {
    let alice = LDAPEntry(dn: "uid=alice,ou=People,dc=example,dc=org", attributes: [
        LDAPAttribute(type: "objectClass", strings: ["top", "person", "inetOrgPerson"]),
        LDAPAttribute(type: "cn", strings: ["Alice Anderson"]),
        LDAPAttribute(type: "mail", strings: ["Alice@Example.org"]),
        LDAPAttribute(type: "employeeNumber", strings: ["1042"]),
        LDAPAttribute(type: "userAccountControl", strings: ["514"]),
        LDAPAttribute(type: "objectCategory", strings: ["CN=Person,CN=Schema,CN=Configuration,DC=example,DC=org"]),
    ])

    func matches(_ filter: String) throws -> Bool {
        try EntryFilter(parsing: filter).matches(alice)
    }

    @Test("equality ignores case, in the attribute name and the value")
    func equality() throws {
        #expect(try matches("(objectClass=inetOrgPerson)"))
        #expect(try matches("(OBJECTCLASS=INETORGPERSON)"))
        #expect(try matches("(mail=alice@example.org)"))
        #expect(try !matches("(objectClass=groupOfNames)"))
        #expect(try !matches("(title=Engineer)"))
    }

    @Test("presence")
    func presence() throws {
        #expect(try matches("(mail=*)"))
        #expect(try !matches("(pwdAccountLockedTime=*)"))
    }

    @Test("substrings: initial, any in order, final")
    func substrings() throws {
        #expect(try matches("(cn=ali*)"))
        #expect(try matches("(cn=*ANDERSON)"))
        #expect(try matches("(cn=a*ce*and*n)"))
        #expect(try !matches("(cn=*and*ce*)"))  // out of order
        #expect(try !matches("(mail=alice*alice@example.org)"))  // initial and final may not overlap
        #expect(try !matches("(cn=bob*)"))
    }

    @Test("and, or, not")
    func boolean() throws {
        #expect(try matches("(&(objectClass=person)(mail=*))"))
        #expect(try !matches("(&(objectClass=person)(title=*))"))
        #expect(try matches("(|(objectClass=groupOfNames)(objectClass=inetOrgPerson))"))
        #expect(try matches("(!(objectClass=groupOfNames))"))
        #expect(try !matches("(!(mail=*))"))
    }

    @Test("ordering compares integers as numbers")
    func ordering() throws {
        #expect(try matches("(employeeNumber>=999)"))
        #expect(try !matches("(employeeNumber<=999)"))
    }

    @Test("Active Directory: objectCategory by class name, and the bitwise matching rules")
    func activeDirectory() throws {
        #expect(try matches("(&(objectCategory=person)(objectClass=person))"))
        #expect(try !matches("(objectCategory=group)"))
        // 514 = NORMAL_ACCOUNT (512) | ACCOUNTDISABLE (2)
        #expect(try matches("(userAccountControl:1.2.840.113556.1.4.803:=2)"))
        #expect(try !matches("(!(userAccountControl:1.2.840.113556.1.4.803:=2))"))
        #expect(try !matches("(userAccountControl:1.2.840.113556.1.4.803:=3)"))
        #expect(try matches("(userAccountControl:1.2.840.113556.1.4.804:=3)"))
    }

    @Test("approximate and unknown extensible matches are refused when the filter is built")
    func refused() {
        #expect(throws: EntryFilterError.self) { try EntryFilter(parsing: "(cn~=alice)") }
        #expect(throws: EntryFilterError.self) { try EntryFilter(parsing: "(cn:caseExactMatch:=Alice)") }
        #expect(throws: EntryFilterError.self) { try EntryFilter(parsing: "(member:1.2.840.113556.1.4.1941:=cn=g,dc=org)") }
        #expect(throws: EntryFilterError.self) { try EntryFilter(parsing: "(cn=alice") }
    }
}
