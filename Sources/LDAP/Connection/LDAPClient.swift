public import Logging
public import NIOCore
import NIOPosix

/// A connection that comes back: each call to `connection()` returns the open
/// connection, or connects again (trying the servers in order and binding)
/// when the last one was closed — by a Notice of Disconnection after an idle
/// timeout (RFC 4511 §4.4.1), a network failure, or the server going away.
public actor LDAPClient {
    public let configuration: LDAPConfiguration
    let logger: Logger
    let group: any EventLoopGroup
    private var current: LDAPConnection?

    public init(configuration: LDAPConfiguration, group: (any EventLoopGroup)? = nil, logger: Logger = Logger(label: "dsync.ldap", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.configuration = configuration
        self.group = group ?? LDAPClient.defaultGroup
        self.logger = logger
    }

    static var defaultGroup: any EventLoopGroup { NIOSingletons.posixEventLoopGroup }

    public func connection() async throws -> LDAPConnection {
        if let current, current.isActive { return current }
        if current != nil { logger.info("LDAP connection lost; connecting again") }
        let connection = try await LDAPConnection.connect(configuration, on: group, logger: logger)
        current = connection
        return connection
    }

    public func close() async {
        await current?.close()
        current = nil
    }
}
