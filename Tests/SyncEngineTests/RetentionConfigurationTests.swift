import Testing

@testable import SyncEngine

/// `retention:` and `logs:` in dsync.yaml.
@Suite struct RetentionConfigurationTests {
    @Test("defaults without the sections; the starter file spells them out")
    func defaults() throws {
        let configuration = try Configuration.parse(yaml: ConfigurationTests.minimal)
        #expect(configuration.retention == RetentionConfiguration())
        #expect(configuration.retention.runDays == 90 && configuration.retention.deletedLinkDays == 180)
        #expect(configuration.logs.keep == 30 && configuration.logs.maxFileMegabytes == 10 && configuration.logs.level == .info)
        let starter = try Configuration.parse(yaml: StarterConfiguration.text)
        #expect(starter.retention == RetentionConfiguration() && starter.logs == LogConfiguration())
    }

    @Test("values are read and checked")
    func values() throws {
        let configuration = try Configuration.parse(yaml: ConfigurationTests.minimal + """

            retention:
              runDays: 30
              deletedLinkDays: 365
            logs:
              keep: 5
              maxFileMegabytes: 2
              level: debug
            """)
        #expect(configuration.retention.runDays == 30 && configuration.retention.deletedLinkDays == 365)
        #expect(configuration.logs.keep == 5 && configuration.logs.maxFileMegabytes == 2 && configuration.logs.level == .debug)
        for bad in ["retention:\n  runDays: 0", "retention:\n  days: 3", "logs:\n  level: loud", "logs:\n  keep: many"] {
            #expect(throws: ConfigurationError.self) { try Configuration.parse(yaml: ConfigurationTests.minimal + "\n" + bad) }
        }
    }
}
