public import Foundation

/// Where the target is and how to talk to it.
public struct SCIMClientConfiguration: Sendable {
    /// The SCIM base URL, e.g. `https://directory.example/scim/v2`.
    public var baseURL: String
    /// This agent instance, sent in every `User-Agent`.
    public var instanceID: String
    public var agentVersion: String
    /// One attempt's limit, from the first byte sent to the last received.
    public var requestTimeout: TimeInterval
    public var retry: RetryPolicy
    /// An HTTPS proxy (CONNECT); nil: `HTTPS_PROXY` from the environment, if set.
    public var proxy: (host: String, port: Int)?
    /// A PEM bundle trusted in addition to the system's roots.
    public var extraCABundle: String?
    /// Requests in flight at most; a 429 lowers it for a while
    /// (`ConcurrencyLimit`).
    public var maximumConcurrency: Int

    public init(
        baseURL: String, instanceID: String, agentVersion: String, requestTimeout: TimeInterval = 30,
        retry: RetryPolicy = RetryPolicy(), proxy: (host: String, port: Int)? = nil, extraCABundle: String? = nil,
        maximumConcurrency: Int = 64
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.instanceID = instanceID
        self.agentVersion = agentVersion
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.proxy = proxy
        self.extraCABundle = extraCABundle
        self.maximumConcurrency = maximumConcurrency
    }

    /// `User-Agent: dsync/VERSION (instance=UUID)`.
    public var userAgent: String { "dsync/\(agentVersion) (instance=\(instanceID))" }

    /// `HTTPS_PROXY` (or `https_proxy`) as host and port: `http://proxy:3128`.
    public static func proxyFromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> (host: String, port: Int)? {
        guard let text = environment["HTTPS_PROXY"] ?? environment["https_proxy"], !text.isEmpty,
              let url = URLComponents(string: text.contains("://") ? text : "http://" + text), let host = url.host
        else { return nil }
        return (host, url.port ?? 3128)
    }
}

/// The resource types the agent writes.
public enum SCIMResourceType: String, Sendable, Hashable, CaseIterable {
    case users = "Users"
    case groups = "Groups"
}

/// A resource as the target returned it.
public struct SCIMResource: Sendable, Hashable {
    public var id: String
    /// The entity tag (`meta.version` or the ETag header), for If-Match.
    public var version: String?
    public var json: SCIM.JSON
}

public import SCIM
