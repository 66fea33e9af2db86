import ArgumentParser
import Foundation

/// The demo's source: the sample served by a throwaway slapd on loopback
/// (`scripts/ldap-test-server`, read over LDAP, version 2 applied as LDAP
/// changes), or the LDIF files themselves.
struct DemoSample {
    let repository: String
    /// The slapd's folder and settings (its `env` file), when it serves the sample.
    let slapd: (folder: String, settings: [String: String])?
    let choice: DemoCommand.SourceChoice

    static func start(choice: DemoCommand.SourceChoice, repository: String, folder: String) throws -> DemoSample {
        let script = repository + "/scripts/ldap-test-server"
        let installed = ["slapd", "ldapmodify"].allSatisfy { DemoSample.installed($0) }
        guard choice != .ldif, installed, FileManager.default.isExecutableFile(atPath: script) else {
            if choice == .ldap {
                throw ValidationError("demo: --source ldap needs slapd and ldapmodify (scripts/bootstrap installs them) and \(script)")
            }
            return DemoSample(repository: repository, slapd: nil, choice: choice)
        }
        let slapdFolder = folder + "/slapd"
        let environment = ProcessInfo.processInfo.environment
        try DemoProcess.run(script, ["start", slapdFolder], log: folder + "/ldap-test-server.log", environment: [
            "LDAP_TEST_PORT": environment["DEMO_LDAP_PORT"] ?? "18389", "LDAP_TEST_TLS_PORT": environment["DEMO_LDAPS_PORT"] ?? "18636",
            "LDAP_TEST_BULK_COUNT": "0", "LDAP_TEST_SAMPLES_SUFFIX": "dc=example,dc=org",
            "LDAP_TEST_SAMPLES_LDIF": repository + "/Samples/directory-v1.ldif",
        ])
        return DemoSample(repository: repository, slapd: (slapdFolder, try settings(slapdFolder + "/env")), choice: choice)
    }

    /// `NAME=value` lines of the test server's `env` file.
    static func settings(_ path: String) throws -> [String: String] {
        var settings: [String: String] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { settings[parts[0]] = parts[1] }
        }
        return settings
    }

    static func installed(_ program: String) -> Bool {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/sbin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }

    var description: String {
        if let slapd {
            return "slapd on \(slapd.settings["LDAP_TEST_URL"] ?? "?") (\(slapd.folder)), loaded with Samples/directory-v1.ldif"
        }
        return choice == .ldif
            ? "--source ldif: dsync reads the LDIF files in Samples/"
            : "slapd is not installed (scripts/bootstrap installs it): dsync reads the LDIF files in Samples/"
    }

    func readDescription(version: String) -> String {
        slapd == nil ? "\(version); read from the LDIF file" : "\(version.replacingOccurrences(of: ".ldif", with: "")); read from slapd over LDAP"
    }

    var doneDescription: String { slapd == nil ? "read from the LDIF files" : "read from slapd over LDAP" }

    /// The source's part of the configuration.
    func yaml(version: String) -> String {
        if let slapd {
            return """
                    ldap:
                      urls: [\(slapd.settings["LDAP_TEST_URL"] ?? "")]
                      bindDN: \(slapd.settings["LDAP_TEST_ADMIN_DN"] ?? "")
                      password: file:\(slapd.settings["LDAP_TEST_ADMIN_PASSWORD_FILE"] ?? "")
                """
        }
        return """
                ldif:
                  path: \(repository)/Samples/\(version)
            """
    }

    /// With slapd, version 2 as the LDAP changes it is
    /// (`Samples/directory-v2-changes.ldif`, ldapmodify with Relax Rules so
    /// the new hire keeps the sample's entryUUID); what was done, or nil
    /// with the LDIF files (the next run reads version 2's file).
    func applyVersion2() throws -> String? {
        guard let slapd else { return nil }
        let changes = repository + "/Samples/directory-v2-changes.ldif"
        let settings = slapd.settings
        _ = try DemoProcess.output(Self.path(of: "ldapmodify"), [
            "-x", "-H", settings["LDAP_TEST_URL"] ?? "", "-D", settings["LDAP_TEST_ADMIN_DN"] ?? "",
            "-y", settings["LDAP_TEST_ADMIN_PASSWORD_FILE"] ?? "", "-e", "relax", "-f", changes,
        ])
        var counts: [String: Int] = [:]
        for line in try String(contentsOfFile: changes, encoding: .utf8).split(separator: "\n") where line.hasPrefix("changetype:") {
            counts[line.dropFirst("changetype:".count).trimmingCharacters(in: .whitespaces), default: 0] += 1
        }
        let total = counts.values.reduce(0, +)
        let kinds = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return "version 2 applied to slapd as LDAP changes: ldapmodify -f Samples/directory-v2-changes.ldif\n\(total) changes: \(kinds)"
    }

    static func path(of program: String) -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/sbin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? program
    }

    func stop() {
        guard let slapd else { return }
        try? DemoProcess.run(repository + "/scripts/ldap-test-server", ["stop", slapd.folder], log: slapd.folder + "/stop.log")
    }
}
