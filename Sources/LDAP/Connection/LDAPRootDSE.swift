/// The server's root DSE (RFC 4512 §5.1): what it holds and supports, used
/// to tell Active Directory from OpenLDAP from 389-DS and to check a control
/// is supported before sending it as critical.
public struct LDAPRootDSE: Sendable, Hashable {
    public enum Vendor: Sendable, Hashable, CustomStringConvertible {
        case activeDirectory
        case openLDAP
        case directoryServer389
        case other(String)

        public var description: String {
            switch self {
            case .activeDirectory: "Active Directory"
            case .openLDAP: "OpenLDAP"
            case .directoryServer389: "389 Directory Server"
            case .other(let name): name.isEmpty ? "unknown" : name
            }
        }
    }

    public let entry: LDAPEntry

    public init(entry: LDAPEntry) {
        self.entry = entry
    }

    public var namingContexts: [String] { entry.strings("namingContexts") }
    /// Active Directory's domain naming context.
    public var defaultNamingContext: String? { entry.string("defaultNamingContext") }
    public var supportedControls: Set<String> { Set(entry.strings("supportedControl")) }
    public var supportedExtensions: Set<String> { Set(entry.strings("supportedExtension")) }
    public var supportedCapabilities: Set<String> { Set(entry.strings("supportedCapabilities")) }
    public var vendorName: String? { entry.string("vendorName") }
    public var vendorVersion: String? { entry.string("vendorVersion") }

    /// LDAP_CAP_ACTIVE_DIRECTORY_OID (MS-ADTS 3.1.1.3.4.3.1), also announced by Samba.
    static let activeDirectoryCapability = "1.2.840.113556.1.4.800"

    public var vendor: Vendor {
        if supportedCapabilities.contains(Self.activeDirectoryCapability) { return .activeDirectory }
        let objectClasses = Set(entry.strings("objectClass").map { $0.lowercased() })
        if objectClasses.contains("openldaprootdse") { return .openLDAP }
        let name = vendorName ?? ""
        if name.contains("389") || name.contains("Fedora") || name.contains("Red Hat") { return .directoryServer389 }
        return .other(name)
    }

    public func supportsControl(_ oid: String) -> Bool {
        supportedControls.contains(oid)
    }

    /// The attributes asked for: RFC 4512 §5.1 operational ones are not
    /// returned unless named (or "+" on servers that know RFC 3673).
    static let attributes = [
        "*", "+", "namingContexts", "defaultNamingContext", "supportedControl", "supportedExtension",
        "supportedCapabilities", "supportedLDAPVersion", "supportedSASLMechanisms", "vendorName",
        "vendorVersion", "subschemaSubentry", "dnsHostName", "domainControllerFunctionality",
        "forestFunctionality", "highestCommittedUSN", "objectClass",
    ]
}

extension LDAPConnection {
    public func readRootDSE() async throws -> LDAPRootDSE {
        let request = SearchRequest(baseObject: "", scope: .baseObject, filter: .everything, attributes: LDAPRootDSE.attributes)
        let (entries, _) = try await search(request).collect()
        guard let entry = entries.first else {
            throw LDAPError(.protocolError, operation: "read of the root DSE", detail: "the server returned no root DSE")
        }
        return LDAPRootDSE(entry: entry)
    }
}
