/// Every condition the agent recognises, with its reason and remedy written
/// once. `dsync explain`, the reports and `docs/conditions.md` (generated, and
/// checked by a test) all read this table.
public enum ConditionCatalogue {
    /// The entries in the order the documentation shows them: by phase, then
    /// as an administrator meets them.
    public static let all: [Condition] = [
        // Signing in
        Condition(.notAdmin, .signIn,
            reason: "The account that approved the sign-in is not an owner or administrator of the organization.",
            remedy: "Have an owner or administrator approve the sign-in."),
        Condition(.clientMismatch, .signIn,
            reason: "The directory rejected the agent's OAuth client id, secret or requested scopes.",
            remedy: "Re-register the agent's client in the directory, or correct the client settings."),
        Condition(.instanceExists, .signIn,
            reason: "Another agent instance is already registered for this organization; only one may sync an organization.",
            remedy: "Stop the other instance, or take over ownership from this one, which revokes the other."),
        Condition(.targetNotSCIM, .signIn,
            reason: "The target URL answers, but no SCIM service is there: `/ServiceProviderConfig` and `/Users` under it are not found (404).",
            remedy: "Correct `target.url`: it is the SCIM base URL, the one `/Users` is under (directoryd's: https://HOST/scim/v2)."),
        Condition(.general, .signIn,
            reason: "Something unexpected happened; the run's log file has the detail.",
            remedy: "See the log file of the run, and report it."),

        // Source
        Condition(.ldapInsufficientRights, .sourceConfiguration,
            reason: "The bind account can bind but may not read the chosen scope, or (Active Directory) lacks the \"Replicating Directory Changes\" right needed for incremental sync.",
            remedy: "Grant read access on the synced OUs and, for Active Directory, \"Replicating Directory Changes\" on each domain."),
        Condition(.ldapBindFailed, .sourceConfiguration,
            reason: "The bind was refused: wrong DN or password, or a locked or expired account (Active Directory's sub-reason is shown with it).",
            remedy: "Correct the bind DN or the password the configuration references, or unlock the account."),
        Condition(.dcUnavailable, .sourceConfiguration,
            reason: "None of the configured domain controllers or LDAP servers answered; all were tried, in order.",
            remedy: "Check the servers and the network path; the sync resumes from its watermark when one is back."),
        Condition(.tlsUntrusted, .sourceConfiguration,
            reason: "The server's certificate (LDAP, or the directory's HTTPS) is not trusted or does not match the host name.",
            remedy: "Install the issuing CA (`caFile` in the configuration), or fix the host name; plaintext is never a silent fallback."),
        Condition(.ldapStrongAuthRequired, .sourceConfiguration,
            reason: "The server refuses a simple bind without TLS: LDAP result 8, strongerAuthRequired (Active Directory and Samba by default), or 13, confidentialityRequired (OpenLDAP's `security simple_bind`).",
            remedy: "Use an ldaps:// URL or StartTLS."),
        Condition(.ldapSizeLimit, .sourceConfiguration,
            reason: "The server stopped the read at its size or time limit (LDAP result 4 or 3, or 11, adminLimitExceeded, from Active Directory's MaxResultSetSize), so the read is incomplete and nothing is deleted or deactivated.",
            remedy: "Lift the limits for the agent's bind account (OpenLDAP: a `limits dn.exact=\"…\" size=unlimited time=unlimited` line; Active Directory: MaxPageSize and MaxQueryDuration in the LDAP policy; the agent pages its reads)."),
        Condition(.sourceReadIncomplete, .sourceConfiguration,
            reason: "The source read failed or looks wrong (a base DN is gone, a scope returns nothing or far fewer objects than last time, the server demanded a full refresh); the run creates and updates but deletes and deactivates nothing.",
            remedy: "Check the base DNs and the bind account's rights; if the drop is real, confirm it with `--allow-deletes`."),
        Condition(.sourceRowInvalid, .sourceConfiguration,
            reason: "A row of a CSV source file cannot be read as a user: it has more or fewer fields than the header, an empty identifier, or the identifier of another row. The row is neither written nor removed (one without an identifier makes the run delete and deactivate nothing); the file's other rows go on.",
            remedy: "Correct the row at the file and line the condition names; the next run picks it up."),

        // Mapping
        Condition(.fieldDeleted, .mapping,
            reason: "A mapping writes to a custom field that no longer exists in the directory.",
            remedy: "Remove the mapping (`dsync mapping prune`), or re-create the field in the directory."),
        Condition(.fieldUnknown, .mapping,
            reason: "A mapping names a source attribute or a target field that does not exist.",
            remedy: "Fix the mapping in the configuration file."),

        // Planning
        Condition(.deletionLimit, .planning,
            reason: "The run would delete or deactivate more objects than the deletion limit allows (a count and a share of the synced objects), so it stopped before writing anything.",
            remedy: "Review the plan (`dsync plan`); if the deletions are intended, run once with `--allow-deletes`, or raise `safety.deletionLimit`."),

        // Per object
        Condition(.invalidEmail, .perObject,
            reason: "The user has no email address in the source, or it is not a valid address.",
            remedy: "Add a valid address to the user in the source."),
        Condition(.badRequest, .perObject,
            reason: "The directory refused a mapped value as badly formatted; the result names the attribute.",
            remedy: "Correct the value in the source, or the mapping that produces it."),
        Condition(.serverError, .perObject,
            reason: "The directory could not be reached, timed out or failed (HTTP 5xx), also after retries with back-off.",
            remedy: "Check connectivity to the directory; the object is retried on the next run."),
        Condition(.emailInOtherOrg, .perObject,
            reason: "One of the user's addresses belongs to a different organization of the directory.",
            remedy: "Have that account removed from, or released by, the other organization."),
        Condition(.alreadyExists, .perObject,
            reason: "The user or group already existed in the directory; the agent linked to it and keeps it updated from now on.",
            remedy: "Nothing: this is for information.",
            informational: true),
        Condition(.accessLost, .perObject,
            reason: "The agent's authorization was revoked, or ownership moved to another instance.",
            remedy: "Sign the agent in again (taking over ownership)."),
        Condition(.domainNotVerified, .perObject,
            reason: "The address's domain is not a verified domain of the organization.",
            remedy: "Verify the domain in the directory, or rewrite the domain in the mapping (`replaceDomain`)."),
        Condition(.planLimit, .perObject,
            reason: "The organization's plan allows no more users.",
            remedy: "Upgrade the plan or free seats; the remaining users are created when seats exist."),
        Condition(.mandatoryMissing, .perObject,
            reason: "A field marked mandatory has no value for this object.",
            remedy: "Give the source attribute a value, or map another attribute (or a `default`)."),
        Condition(.tooLong, .perObject,
            reason: "A value is longer than the target field allows.",
            remedy: "Shorten the value in the source."),
        Condition(.invalidValue, .perObject,
            reason: "A value has characters or a form the target field's type does not accept (letters in a phone number).",
            remedy: "Correct the value in the source."),
        Condition(.existsInOtherDeployment, .perObject,
            reason: "The address already has an account in another data center (deployment) of the directory.",
            remedy: "Have the user close or move the other account."),
        Condition(.duplicateInSource, .perObject,
            reason: "Two source objects map to the same userName or email; neither is written until that is resolved.",
            remedy: "Make the values unique in the source."),
        Condition(.targetMissing, .perObject,
            reason: "An object the agent created or linked was deleted in the directory by hand.",
            remedy: "Nothing by default: `policies.targetMissing` re-creates it (`recreate`) or stops tracking it (`forget`)."),
        Condition(.linkRefusedPrivileged, .perObject,
            reason: "The match for a new object is an account with an administrator role in the directory, or one of a target that does not say (when `match.linkWithoutRoleInformation` is off); linking it would hand control of a privileged account to whoever controls the source.",
            remedy: "Link it by hand if that is intended."),
        Condition(.linkedToAnother, .perObject,
            reason: "The account in the directory that matches this new object is already linked to another source object: the source object's identifier changed (a re-created account, a new value in a CSV identifier column), or two source objects describe one person. Linking it would let the two overwrite each other, and the removal of the old one would deactivate the account the new one uses.",
            remedy: "If the identifier changed, delete or rename the old account in the directory (or let the agent delete it: policies.userDeleted: delete) and the next run creates the new one; if two source objects are one person, exclude one of them."),
        Condition(.nameConflict, .perObject,
            reason: "The group's name is already used by another group in the directory.",
            remedy: "Rename one of the two groups."),
        Condition(.rateLimited, .perObject,
            reason: "The directory kept answering \"too many requests\" (HTTP 429) beyond the retry budget.",
            remedy: "Nothing: the object is retried on the next run; lower `target.concurrency` if it persists."),
        Condition(.planStale, .perObject,
            reason: "A saved plan was applied, but the object changed in the source or the directory since the plan was made.",
            remedy: "Make a new plan."),
    ]

    private static let byCode: [ConditionCode: Condition] = Dictionary(
        all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    /// The entry for `code`, or `nil` for a code the catalogue does not know.
    public static func entry(_ code: ConditionCode) -> Condition? { byCode[code] }

    /// The entry for `code`; an unknown code (a newer agent's report read by
    /// an older one) falls back to `general` rather than losing the record.
    public static func entryOrGeneral(_ code: ConditionCode) -> Condition {
        byCode[code] ?? byCode[.general] ?? all[0]
    }

    /// Every known code, sorted, for "did you mean" lists.
    public static var codes: [ConditionCode] { all.map(\.code).sorted() }
}
