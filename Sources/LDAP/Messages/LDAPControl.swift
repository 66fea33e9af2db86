import NIOCore
/// A control attached to a request or response (RFC 4511 §4.1.11).
public struct LDAPControl: Sendable, Hashable {
    public var oid: String
    public var criticality: Bool
    public var value: [UInt8]?

    public init(oid: String, criticality: Bool = false, value: [UInt8]? = nil) {
        self.oid = oid
        self.criticality = criticality
        self.value = value
    }
}

extension LDAPControl {
    /// RFC 4511 §4.1.1: `controls [0] Controls OPTIONAL`.
    static let controlsTag = BERTag.context(0, constructed: true)

    static func readList(from content: ByteBuffer) throws(BERError) -> [LDAPControl] {
        var reader = BERReader(content, context: "Controls")
        var controls: [LDAPControl] = []
        while !reader.isAtEnd {
            var control = try reader.readConstructed(.sequence, context: "Control")
            let oid = try control.readString()
            // RFC 4511 §4.1.11: criticality is DEFAULT FALSE. On responses it is
            // meaningless and ignored, so a value that is present is only read.
            var criticality = false
            if control.peekTag() == .boolean { criticality = try control.readBoolean() }
            var value: [UInt8]?
            if control.peekTag() == .octetString { value = try control.readOctetString() }
            try control.expectEnd()
            controls.append(LDAPControl(oid: oid, criticality: criticality, value: value))
        }
        return controls
    }

    static func writeList(_ controls: [LDAPControl], to writer: inout BERWriter) {
        guard !controls.isEmpty else { return }
        writer.writeConstructed(controlsTag) { w in
            for control in controls {
                w.writeSequence { c in
                    c.writeString(control.oid)
                    if control.criticality { c.writeBoolean(true) }
                    if let value = control.value { c.writeOctetString(value) }
                }
            }
        }
    }
}



extension Array where Element == LDAPControl {
    /// The control with `oid`, if the message carries one.
    public func first(oid: String) -> LDAPControl? {
        first { $0.oid == oid }
    }
}
