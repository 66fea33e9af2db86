/// The commented file `dsync init` writes. Every section is there with its
/// defaults, so an administrator edits rather than writes; a test checks the
/// loader accepts it as it is.
public enum StarterConfiguration {
    public static let text = #"""
    # dsync configuration. Every key is described in docs/configuration.md.
    # Secrets are never written here: use file:PATH or env:NAME references.

    # The SCIM service provider to keep in step (directoryd or another).
    target:
      url: https://directory.example.com/scim/v2
      # An API token (`directoryd admin token create`), read from a file.
      credential: file:/etc/dsync/target.token
      # proxy: http://proxy.example.com:3128      # default: HTTPS_PROXY
      # caFile: /etc/dsync/extra-ca.pem           # trusted besides the system's CAs
      concurrency: 4
      timeout: 30                                 # seconds per request before it is retried
      # Only for targets that do not advertise their limits (/ServiceProviderConfig):
      # limits:
      #   bulk: false
      #   membersPerPatch: 100
      #   pageSize: 50

    # Where people and groups come from.
    sources:
      - name: corp
        ldap:
          urls: [ldaps://ldap1.example.com, ldaps://ldap2.example.com]   # tried in order
          bindDN: cn=dsync,ou=Services,dc=example,dc=com
          password: file:/etc/dsync/bind.password
          profile: openldap            # or activeDirectory
          baseDNs:
            - ou=People,dc=example,dc=com
            - ou=Groups,dc=example,dc=com
          scope: sub                   # or one
          # userFilter: (objectClass=inetOrgPerson)        # the profile's default
          # groupFilter: (objectClass=groupOfNames)
          exclude:
            - attribute: description
              operator: contains       # equals, startsWith, endsWith, contains, matches, present
              values: [service account]
      # An LDIF export works too:
      # - name: export
      #   ldif:
      #     path: /var/lib/dsync/export.ldif
      #     profile: openldap
      # And a folder of CSV files (or one file), e.g. an HR export:
      # - name: hr
      #   csv:
      #     path: /var/lib/dsync/hr
      #     delimiter: ";"               # or ,
      #     identifier: EmployeeID       # the column that never changes
      #     disabled: {attribute: Status, operator: equals, values: [inactive]}
      #     deleted: {attribute: Status, operator: equals, values: [left]}
      #     groups: Teams                # group names, separated by |

    # Source attribute -> target field. Without this section the profile's
    # defaults apply; a section that is given replaces them.
    mapping:
      users:
        userName:
          from: uid
          transforms: [first, lower]
        emails:
          from: mail
          transforms: [lower]
        displayName:
          from: [givenName, sn]
          transforms: [{join: " "}]
        name.givenName: givenName
        name.familyName: sn
        manager:
          from: manager
          transforms: [first, dnToReference]
      groups:
        displayName: cn

    # Groups the agent makes itself, kept up to date like any other.
    # groups:
    #   allUsers: All staff            # every synced user
    #   perBaseDN: "{rdn}"             # one per base DN: People, Contractors, ...

    policies:
      users:
        disabled: deactivate           # deactivate, delete or nothing
        leftScope: deactivate
        deleted: deactivate
      groups:
        leftScope: delete              # delete or nothing
        deleted: delete
        nesting: keep                  # or flatten
      targetMissing: recreate          # or forget

    safety:
      deletionLimit:                   # a run that would delete or deactivate more stops
        count: 50
        percentage: 10
      sourceDropPercentage: 50         # a base DN losing more than this is a suspicious read

    match:
      by: externalId                   # externalId, userName, email or none
      linkPrivileged: never

    retention:                         # applied at the end of every sync
      runDays: 90                      # runs and their per-object results
      deletedLinkDays: 180             # links of objects deleted in the source

    logs:                              # one file per run in DATA/logs
      keep: 30                         # files kept, the newest
      maxFileMegabytes: 10             # a file stops growing here
      level: info                      # trace, debug, info, notice, warning, error

    # Mail when a run fails, hits the deletion limit or leaves objects failed
    # (`dsync notify test` sends a test message):
    # notifications:
    #   host: smtp.example.com
    #   tls: starttls                  # starttls (port 587), implicit (465), or none (this machine only)
    #   username: dsync@example.com
    #   password: file:/etc/dsync/smtp.password
    #   from: dsync@example.com
    #   to: [it-ops@example.com]
    #   on: [runFailed, deletionLimit, objectsFailed]
    """# + "\n"
}
