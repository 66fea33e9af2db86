import Testing

@testable import SyncEngine

@Suite("The notifications section")
struct NotificationsConfigurationTests {
    static func parse(_ section: String) throws(ConfigurationError) -> Configuration {
        try Configuration.parse(yaml: ConfigurationTests.minimal + "\n" + section)
    }

    static func error(_ section: String) -> ConfigurationError? {
        do {
            _ = try parse(section)
            return nil
        } catch {
            return error
        }
    }

    @Test("without the section nothing is sent; with it, the defaults: STARTTLS on 587, every event")
    func defaults() throws {
        #expect(try Configuration.parse(yaml: ConfigurationTests.minimal).notifications == nil)
        let notifications = try #require(try Self.parse("""
            notifications:
              host: smtp.example.com
              from: dsync@example.com
              to: it-ops@example.com
            """).notifications)
        #expect(notifications.tls == .starttls && notifications.effectivePort == 587)
        #expect(notifications.to == ["it-ops@example.com"])
        #expect(notifications.on == [.runFailed, .deletionLimit, .objectsFailed])
        #expect(notifications.username == nil && notifications.password == nil)
        #expect(notifications.listFailed == 20 && notifications.timeout == 30)
    }

    @Test("every key")
    func everyKey() throws {
        let notifications = try #require(try Self.parse("""
            notifications:
              host: mail.example.com
              port: 465
              tls: implicit
              username: dsync@example.com
              password: file:/etc/dsync/smtp.password
              caFile: /etc/dsync/mail-ca.pem
              timeout: 10
              from: dsync@example.com
              to:
                - a@example.com
                - b@example.com
              on: [runFailed, deletionLimit]
              listFailed: 5
            """).notifications)
        #expect(notifications.effectivePort == 465 && notifications.tls == .implicit)
        #expect(notifications.password == .file("/etc/dsync/smtp.password"))
        #expect(notifications.caFile == "/etc/dsync/mail-ca.pem" && notifications.timeout == 10)
        #expect(notifications.to == ["a@example.com", "b@example.com"])
        #expect(notifications.on == [.runFailed, .deletionLimit])
        #expect(notifications.listFailed == 5)
    }

    @Test("`tls: none` only to this machine")
    func plaintextOnlyOnLoopback() throws {
        let error = try #require(Self.error("""
            notifications:
              host: smtp.example.com
              tls: none
              from: dsync@example.com
              to: a@example.com
            """))
        #expect(error.path == "notifications.tls" && error.message.contains("only to a server on this machine"))
        #expect(try Self.parse("""
            notifications:
              host: 127.0.0.1
              tls: none
              from: dsync@example.com
              to: a@example.com
            """).notifications?.effectivePort == 25)
    }

    @Test("an inline password is refused without repeating it; username and password go together")
    func password() throws {
        let inline = try #require(Self.error("""
            notifications:
              host: smtp.example.com
              username: dsync
              password: hunter2
              from: dsync@example.com
              to: a@example.com
            """))
        #expect(inline.path == "notifications.password" && !inline.description.contains("hunter2"))
        let alone = try #require(Self.error("""
            notifications:
              host: smtp.example.com
              username: dsync
              from: dsync@example.com
              to: a@example.com
            """))
        #expect(alone.message.contains("needs `password`"))
    }

    @Test("addresses, events and keys are checked")
    func checked() throws {
        let display = try #require(Self.error("""
            notifications:
              host: smtp.example.com
              from: dsync <dsync@example.com>
              to: a@example.com
            """))
        #expect(display.path == "notifications.from")
        let event = try #require(Self.error("""
            notifications:
              host: smtp.example.com
              from: dsync@example.com
              to: a@example.com
              on: [runFailed, sometimes]
            """))
        #expect(event.path == "notifications.on[1]" && event.message.contains("runFailed, deletionLimit, objectsFailed"))
        let unknown = try #require(Self.error("""
            notifications:
              server: smtp.example.com
            """))
        #expect(unknown.path == "notifications.server")
    }
}
