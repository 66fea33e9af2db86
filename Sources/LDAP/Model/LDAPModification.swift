/// One change of a ModifyRequest (RFC 4511 §4.6) or of an LDIF `changetype:
/// modify` record (RFC 2849).
public struct LDAPModification: Sendable, Hashable {
    /// RFC 4511 §4.6: `operation ENUMERATED { add (0), delete (1), replace (2) }`;
    /// RFC 4525 adds increment (3).
    public enum Operation: Int, Sendable, Hashable {
        case add = 0
        case delete = 1
        case replace = 2
        case increment = 3
    }

    public var operation: Operation
    public var attribute: LDAPAttribute

    public init(_ operation: Operation, _ attribute: LDAPAttribute) {
        self.operation = operation
        self.attribute = attribute
    }
}
