import Agent

/// The demo's `dsync.yaml`, and what of the report it shows.
enum DemoConfiguration {
    static func yaml(targetURL: String, tokenFile: String, source: String) -> String {
        """
        target:
          url: \(targetURL)
          credential: file:\(tokenFile)
          # One request at a time: which users get the plan's last seats
          # (plan-limit) is then the same every run.
          concurrency: 1
        sources:
          - name: sample
        \(source)
              profile: openldap
              baseDNs:
                - ou=People,dc=example,dc=org
                - ou=Contractors,dc=example,dc=org
                - ou=Groups,dc=example,dc=org
        \(SampleMapping.yaml)

        """
    }
}
