import Foundation
import LDAP
import Testing

/// Where a scenario's sample directory lives: an LDIF file the agent reads,
/// or a subtree of the test slapd it reads over LDAP. Both take the same
/// changes, so the same engine scenarios run against either source.
enum SampleSourceKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case ldif
    case slapd

    var testDescription: String { self == .ldif ? "LDIF file" : "slapd over LDAP" }

    /// The LDIF file always; slapd when scripts/test (scripts/ldap-test-server)
    /// started it, or when scripts/test requires the servers (then a missing
    /// slapd fails the slapd cases instead of skipping them).
    static var available: [SampleSourceKind] {
        SlapdSampleFixture.available || ProcessInfo.processInfo.environment["DSYNC_TEST_REQUIRE_SERVERS"] != nil ? [.ldif, .slapd] : [.ldif]
    }

    /// Directory version 1 loaded, ready to sync.
    func load(folder: String) async throws -> any SampleSourceFixture {
        switch self {
        case .ldif: try LDIFSampleFixture(path: folder + "/directory.ldif")
        case .slapd: try await SlapdSampleFixture.load()
        }
    }
}

protocol SampleSourceFixture: Sendable {
    var sample: SampleDirectory { get }
    /// The `sources:` list of dsync.yaml for the demo's base DNs.
    var sourcesYAML: String { get }
    /// Applies LDIF change records (the sample's own, rebased).
    func apply(_ changes: [LDIFChange]) async throws
    func close() async
}

extension SampleSourceFixture {
    var baseDNs: [String] { ["ou=People", "ou=Contractors", "ou=Groups"].map { sample.dn("\($0),\(SampleDirectory.suffix)") } }

    var baseDNsYAML: String { baseDNs.map { "            - \($0)" }.joined(separator: "\n") }

    /// Version 2 of the sample, as the changes a server would see.
    func applyVersion2() async throws { try await apply(try sample.changes()) }
}

/// The sample as an LDIF file that is rewritten after each change, as an
/// administrator would export a new one.
actor LDIFSampleFixture: SampleSourceFixture {
    nonisolated let sample = SampleDirectory(base: SampleDirectory.suffix)
    nonisolated let path: String
    private var entries: [LDAPEntry]

    init(path: String) throws {
        self.path = path
        let entries = try SampleDirectory(base: SampleDirectory.suffix).entries()
        self.entries = entries
        try Self.write(entries, to: path)
    }

    nonisolated var sourcesYAML: String {
        """
        sources:
          - name: sample
            ldif:
              path: \(path)
              profile: openldap
              baseDNs:
        \(baseDNsYAML)
        """
    }

    func apply(_ changes: [LDIFChange]) throws {
        entries = try LDIFChangeApplier.apply(changes, to: entries)
        try Self.write(entries, to: path)
    }

    func close() {}

    static func write(_ entries: [LDAPEntry], to path: String) throws {
        var bytes: [UInt8] = []
        let writer = LDIFWriter()
        for entry in entries { writer.append(entry, to: &bytes) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

/// LDIF change records applied to entries in memory (for the LDIF file; the
/// slapd fixture sends them to the server instead).
enum LDIFChangeApplier {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func key(_ dn: String) -> String {
        dn.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
    }

    static func apply(_ changes: [LDIFChange], to start: [LDAPEntry]) throws -> [LDAPEntry] {
        var entries = start
        func index(_ dn: String) throws -> Int {
            guard let i = entries.firstIndex(where: { key($0.dn) == key(dn) }) else { throw Failure(description: "no entry \(dn)") }
            return i
        }
        for change in changes {
            switch change.operation {
            case .add(let entry):
                guard !entries.contains(where: { key($0.dn) == key(entry.dn) }) else { throw Failure(description: "\(entry.dn) exists") }
                entries.append(entry)
            case .delete(let dn):
                entries.remove(at: try index(dn))
            case .modify(let dn, let modifications):
                let i = try index(dn)
                var attributes = entries[i].attributes
                for modification in modifications { apply(modification, to: &attributes) }
                entries[i].attributes = attributes
            case .modifyDN(let dn, let newRDN, let deleteOldRDN, let newSuperior):
                let i = try index(dn)
                let parts = dn.split(separator: ",", maxSplits: 1).map(String.init)
                let parent = newSuperior ?? (parts.count > 1 ? parts[1] : "")
                var attributes = entries[i].attributes
                let old = parts[0].split(separator: "=", maxSplits: 1).map(String.init)
                let new = newRDN.split(separator: "=", maxSplits: 1).map(String.init)
                if deleteOldRDN {
                    apply(LDAPModification(.delete, LDAPAttribute(type: old[0], strings: [old[1]])), to: &attributes)
                }
                if !attributes.contains(where: { $0.type.lowercased() == new[0].lowercased() && $0.stringValues.contains(new[1]) }) {
                    apply(LDAPModification(.add, LDAPAttribute(type: new[0], strings: [new[1]])), to: &attributes)
                }
                entries[i] = LDAPEntry(dn: parent.isEmpty ? newRDN : newRDN + "," + parent, attributes: attributes)
            }
        }
        return entries
    }

    static func apply(_ modification: LDAPModification, to attributes: inout [LDAPAttribute]) {
        let name = modification.attribute.type.lowercased()
        let values = modification.attribute.values
        let at = attributes.firstIndex { $0.type.lowercased() == name }
        switch modification.operation {
        case .add:
            if let at { attributes[at].values += values } else { attributes.append(modification.attribute) }
        case .delete:
            guard let at else { return }
            if values.isEmpty { attributes.remove(at: at) } else {
                attributes[at].values.removeAll { values.contains($0) }
                if attributes[at].values.isEmpty { attributes.remove(at: at) }
            }
        case .replace:
            if let at { attributes.remove(at: at) }
            if !values.isEmpty { attributes.append(modification.attribute) }
        case .increment:
            break
        }
    }
}
