import NIOCore

/// Helpers to build and read the BER inside a control's OCTET STRING value.
enum ControlValue {
    static func encode(_ body: (inout BERWriter) -> Void) -> [UInt8] {
        var writer = BERWriter()
        body(&writer)
        return Array(writer.buffer.readableBytesView)
    }

    /// A reader over the SEQUENCE that is the control value of `control`.
    static func sequenceReader(_ control: LDAPControl, name: String) throws(BERError) -> BERReader {
        guard let value = control.value else { throw BERError(.truncated, context: "\(name) control value") }
        var outer = BERReader(ByteBuffer(bytes: value), context: "\(name) control")
        let reader = try outer.readConstructed(.sequence)
        try outer.expectEnd()
        return reader
    }
}
