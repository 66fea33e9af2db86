/// Why LDIF input could not be read, and on which line.
///
/// `line` is the 1-based number of the physical line where the offending
/// (possibly folded) line starts. After this error the reader has skipped the
/// bad record; calling `next()` again goes on with the following one.
public struct LDIFSyntaxError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The kind of mistake; a struct rather than an enum so that kinds can
    /// be added without breaking callers' switches.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        enum Code: String, Sendable {
            case missingDN = "missing dn"
            case missingColon = "line without colon"
            case invalidAttributeDescription = "invalid attribute description"
            case invalidBase64 = "invalid base64"
            case invalidUTF8 = "invalid UTF-8"
            case invalidURL = "invalid URL"
            case unreadableURL = "unreadable URL"
            case unsupportedVersion = "unsupported version"
            case unknownChangeType = "unknown changetype"
            case invalidChangeRecord = "invalid change record"
            case invalidControl = "invalid control"
            case unexpectedLine = "unexpected line"
            case unreadableInput = "unreadable input"
        }

        let code: Code

        public static let missingDN = Kind(code: .missingDN)
        public static let missingColon = Kind(code: .missingColon)
        public static let invalidAttributeDescription = Kind(code: .invalidAttributeDescription)
        public static let invalidBase64 = Kind(code: .invalidBase64)
        public static let invalidUTF8 = Kind(code: .invalidUTF8)
        public static let invalidURL = Kind(code: .invalidURL)
        public static let unreadableURL = Kind(code: .unreadableURL)
        public static let unsupportedVersion = Kind(code: .unsupportedVersion)
        public static let unknownChangeType = Kind(code: .unknownChangeType)
        public static let invalidChangeRecord = Kind(code: .invalidChangeRecord)
        public static let invalidControl = Kind(code: .invalidControl)
        public static let unexpectedLine = Kind(code: .unexpectedLine)
        /// The LDIF file itself failed to read part way (an I/O error).
        public static let unreadableInput = Kind(code: .unreadableInput)

        public var description: String { code.rawValue }
    }

    public let line: Int
    public let kind: Kind
    /// What is wrong, in words, e.g. `unknown changetype "rename"`.
    public let reason: String

    public var description: String {
        "LDIF line \(line): \(reason)"
    }
}

/// An LDIF file that could not be opened.
public struct LDIFFileError: Error, CustomStringConvertible, Sendable, Hashable {
    public let path: String
    /// The system's error number (`errno`).
    public let code: Int32
    public let reason: String

    public var description: String {
        "cannot open LDIF file \(path): \(reason)"
    }
}
