/// Why a PATCH request cannot be read or applied (RFC 7644 §3.5.2, §3.12):
/// always a 400, with the `scimType` the RFC gives the situation, the index
/// of the failing operation and its path.
public struct SCIMPatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `noTarget`, `invalidPath`, `invalidFilter`, `invalidValue`,
    /// `invalidSyntax` or `mutability`.
    public let scimType: SCIMErrorType
    /// The position of the failing operation in `Operations`, from 0.
    public var operationIndex: Int?
    /// The operation's path as the client wrote it, if it had one.
    public var path: String?
    public let detail: String

    public init(_ scimType: SCIMErrorType, _ detail: String, operationIndex: Int? = nil, path: String? = nil) {
        self.scimType = scimType
        self.detail = detail
        self.operationIndex = operationIndex
        self.path = path
    }

    public var description: String {
        var text = "PATCH"
        if let operationIndex { text += " operation \(operationIndex)" }
        if let path { text += " (path \(JSON.string(path).serializedString()))" }
        return text + ": \(detail)"
    }

    func at(_ index: Int, path: String?) -> SCIMPatchError {
        var copy = self
        if copy.operationIndex == nil { copy.operationIndex = index }
        if copy.path == nil { copy.path = path }
        return copy
    }

    static func noTarget(_ detail: String) -> SCIMPatchError { SCIMPatchError(.noTarget, detail) }
    static func invalidValue(_ detail: String) -> SCIMPatchError { SCIMPatchError(.invalidValue, detail) }
    static func invalidPath(_ detail: String) -> SCIMPatchError { SCIMPatchError(.invalidPath, detail) }
}

extension SCIMPatchError: SCIMErrorConvertible {
    public var scimError: SCIMError {
        SCIMError(status: 400, scimType: scimType, detail: description, attribute: path)
    }
}
