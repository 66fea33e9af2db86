public import AgentStore
import BuildInfo
public import Connectors
import Foundation
public import Logging
public import SCIMClient
public import SyncEngine

/// Everything a run needs, built from the configuration: the sources, the
/// SCIM target and the agent's state in its data folder. Secrets are
/// resolved here, once, and never printed.
public struct AgentEnvironment: Sendable {
    public let configuration: Configuration
    public let sources: [any Source]
    public let client: SCIMClient
    public let target: SCIMTarget
    public let store: AgentStore
    public let logger: Logger
    /// The run's log file (`logs:`), when the command keeps one; the
    /// secrets resolved here are masked in it.
    public let runLog: RunLog?

    public init(configuration: Configuration, dataFolder: String, logger: Logger, runLog: RunLog? = nil) throws {
        self.configuration = configuration
        self.logger = logger
        self.runLog = runLog
        store = try AgentStore(folder: URL(fileURLWithPath: dataFolder), retention: configuration.retention.storeRetention)
        var sources: [any Source] = []
        for source in configuration.sources {
            switch source.kind {
            case .ldif(let ldif):
                sources.append(try LDIFSource(name: source.name, configuration: ldif))
            case .csv(let csv):
                sources.append(CSVSource(name: source.name, configuration: csv))
            case .ldap(let ldap):
                let password = try ldap.password.map { try $0.resolve(environment: ProcessInfo.processInfo.environment, readFile: Self.readSecretFile) }
                if let password { runLog?.addSecret(password.value) }
                // Only what the mapping reads (plus what choosing and the rules need,
                // which the source adds): not every attribute of every entry.
                sources.append(try LDAPSource(
                    name: source.name, configuration: ldap, password: password, attributes: configuration.mapping.sourceAttributes,
                    logger: logger))
            }
        }
        self.sources = sources
        let token = try configuration.target.credential.resolve(environment: ProcessInfo.processInfo.environment, readFile: Self.readSecretFile)
        runLog?.addSecret(token.value)
        var proxy: (host: String, port: Int)?
        if let text = configuration.target.proxy { proxy = SCIMClientConfiguration.proxyFromEnvironment(["HTTPS_PROXY": text]) }
        client = try SCIMClient(
            configuration: SCIMClientConfiguration(
                baseURL: configuration.target.url, instanceID: try Self.instanceID(dataFolder), agentVersion: BuildInfo.version,
                requestTimeout: TimeInterval(configuration.target.timeout), proxy: proxy, extraCABundle: configuration.target.caFile,
                maximumConcurrency: configuration.target.concurrency
            ),
            credentials: StaticToken(token.value), logger: logger
        )
        target = SCIMTarget(client: client, limits: configuration.target.limits)
    }

    /// This installation's id, made once and kept in the data folder.
    static func instanceID(_ folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent("instance-id")
        if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let id = UUID().uuidString.lowercased()
        try id.write(toFile: path, atomically: true, encoding: .utf8)
        return id
    }

    static func readSecretFile(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }
}
