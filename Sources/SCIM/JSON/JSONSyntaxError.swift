/// Why a byte sequence is not a JSON text (RFC 8259), and where.
///
/// A request body that fails here is answered with 400 `invalidSyntax`
/// (RFC 7644 §3.12).
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset of the problem in the input.
    public let offset: Int
    public let reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

extension JSONSyntaxError: SCIMErrorConvertible {
    public var scimError: SCIMError {
        SCIMError(status: 400, scimType: .invalidSyntax, detail: description)
    }
}
