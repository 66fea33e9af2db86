import Foundation
import LDAP

/// The demo's sample directory (Samples/) as entries and changes, with its
/// suffix `dc=example,dc=org` moved under another one when a test loads it
/// into a subtree of its own (every DN, and every DN-valued attribute).
struct SampleDirectory: Sendable {
    static let suffix = "dc=example,dc=org"
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples").path

    /// The `sources:` section reading `directory-v1.ldif` (or `file`) as
    /// the demo does, indented for the top level of a dsync.yaml.
    static func ldifSource(_ file: String = "directory-v1.ldif", contractors: Bool = true) -> String {
        """
        sources:
          - name: sample
            ldif:
              path: \(folder)/\(file)
              profile: openldap
              baseDNs:
                - ou=People,dc=example,dc=org
        \(contractors ? "        - ou=Contractors,dc=example,dc=org\n" : "")        - ou=Groups,dc=example,dc=org
        """
    }

    /// Where the sample's suffix goes; `suffix` keeps it as it is.
    let base: String

    /// The entries of `directory-v1.ldif` (or another full snapshot).
    func entries(_ file: String = "directory-v1.ldif") throws -> [LDAPEntry] {
        try LDIFReader.records(in: Self.bytes(file)).compactMap { record in
            if case .content(let entry) = record { rebased(entry) } else { nil }
        }
    }

    /// The change records of `directory-v2-changes.ldif`.
    func changes(_ file: String = "directory-v2-changes.ldif") throws -> [LDIFChange] {
        try LDIFReader.records(in: Self.bytes(file)).compactMap { record in
            if case .change(let change) = record { rebased(change) } else { nil }
        }
    }

    /// A DN of the sample (`ou=People,dc=example,dc=org`) under `base`.
    func dn(_ sampleDN: String) -> String { rebase(sampleDN) }

    static func bytes(_ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file)))
    }

    func rebase(_ dn: String) -> String {
        guard base != Self.suffix else { return dn }
        // The sample spells one member DN in another case and spacing on purpose.
        let pattern = #"(^|,)\s*dc\s*=\s*example\s*,\s*dc\s*=\s*org\s*$"#
        guard let range = dn.range(of: pattern, options: [.regularExpression, .caseInsensitive]) else { return dn }
        let prefix = dn[range].hasPrefix(",") ? "," : ""
        return dn.replacingCharacters(in: range, with: prefix + base)
    }

    static let dnAttributes: Set<String> = ["member", "manager", "uniquemember"]

    func rebased(_ attribute: LDAPAttribute) -> LDAPAttribute {
        guard Self.dnAttributes.contains(attribute.type.lowercased()) else { return attribute }
        return LDAPAttribute(type: attribute.type, strings: attribute.stringValues.map(rebase))
    }

    func rebased(_ entry: LDAPEntry) -> LDAPEntry {
        var attributes = entry.attributes.map(rebased)
        if entry.dn.caseInsensitiveCompare(Self.suffix) == .orderedSame, base != Self.suffix,
           let rdn = base.split(separator: ",").first, rdn.lowercased().hasPrefix("dc=")
        {
            // The suffix entry's naming value follows its new RDN.
            attributes = attributes.map { $0.type.lowercased() == "dc" ? LDAPAttribute(type: "dc", strings: [String(rdn.dropFirst(3))]) : $0 }
        }
        return LDAPEntry(dn: rebase(entry.dn), attributes: attributes)
    }

    func rebased(_ change: LDIFChange) -> LDIFChange {
        let operation: LDIFChange.Operation =
            switch change.operation {
            case .add(let entry): .add(rebased(entry))
            case .delete(let dn): .delete(dn: rebase(dn))
            case .modify(let dn, let modifications):
                .modify(dn: rebase(dn), modifications: modifications.map { LDAPModification($0.operation, rebased($0.attribute)) })
            case .modifyDN(let dn, let newRDN, let deleteOldRDN, let newSuperior):
                .modifyDN(dn: rebase(dn), newRDN: newRDN, deleteOldRDN: deleteOldRDN, newSuperior: newSuperior.map(rebase))
            }
        return LDIFChange(operation, controls: change.controls)
    }
}
