/// One entry of the conditions catalogue: a recognised situation with the
/// text an administrator sees wherever it shows up (CLI, reports, console).
/// The text is written once, in `ConditionCatalogue`, so every surface says
/// the same thing.
public struct Condition: Sendable, Hashable {
    /// When the agent meets the condition; groups the catalogue for readers.
    public enum Phase: String, Sendable, Hashable, Codable, CaseIterable {
        case signIn
        case sourceConfiguration
        case mapping
        case planning
        case perObject

        /// The heading of the phase in `docs/conditions.md` and `dsync explain`.
        public var title: String {
            switch self {
            case .signIn: "While signing the agent in to the directory"
            case .sourceConfiguration: "While configuring and reading a source (LDAP, Active Directory, LDIF, CSV)"
            case .mapping: "While mapping attributes"
            case .planning: "While planning a run"
            case .perObject: "Per object, during a sync"
            }
        }
    }

    public let code: ConditionCode
    public let phase: Phase
    /// What happened, in one sentence.
    public let reason: String
    /// What the administrator should do.
    public let remedy: String
    /// Informational conditions (`already-exists`) report a success worth
    /// knowing; they do not count as failures and do not retry the object.
    public let isInformational: Bool

    public init(_ code: ConditionCode, _ phase: Phase, reason: String, remedy: String, informational: Bool = false) {
        self.code = code
        self.phase = phase
        self.reason = reason
        self.remedy = remedy
        self.isInformational = informational
    }
}
