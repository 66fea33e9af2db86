/// OpenLDAP's Relax Rules control (draft-zeilenga-ldap-relax): lets the
/// rootdn write what the schema marks NO-USER-MODIFICATION, such as
/// `entryUUID` on an add (restoring an entry as it was). No value; sent
/// critical so a server that does not know it refuses the operation instead
/// of ignoring it.
public enum RelaxRulesControl {
    public static let oid = "1.3.6.1.4.1.4203.666.5.12"
}

extension LDAPControl {
    public static let relax = LDAPControl(oid: RelaxRulesControl.oid, criticality: true)
}
