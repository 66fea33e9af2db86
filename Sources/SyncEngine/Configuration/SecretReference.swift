import FileProblems

/// Where a secret lives. The configuration file only ever names it, so the
/// file can be read, copied and shown in a ticket without leaking anything.
///
/// - `file:PATH`: the first line of a file (one trailing newline ignored).
/// - `env:NAME`: an environment variable.
/// - `store:NAME`: the agent's encrypted store; reserved, refused until the
///   agent can sign in to the directory and has such a store.
public enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    case file(String)
    case environment(String)

    public var description: String {
        switch self {
        case .file(let path): "file:\(path)"
        case .environment(let name): "env:\(name)"
        }
    }

    /// Reads a reference; `key` names it in errors. The value of something
    /// that is not a reference is never repeated in the error: it is
    /// probably the secret itself.
    static func parse(_ value: YAMLValue) throws(ConfigurationError) -> SecretReference {
        let text = try value.string()
        if text.hasPrefix("file:") {
            let path = String(text.dropFirst(5))
            guard !path.isEmpty else { throw value.fail("`file:` needs a path, e.g. file:/etc/dsync/secret") }
            return .file(path)
        }
        if text.hasPrefix("env:") {
            let name = String(text.dropFirst(4))
            guard isEnvironmentName(name) else {
                throw value.fail("`env:` needs a variable name of letters, digits and _, e.g. env:DSYNC_SECRET")
            }
            return .environment(name)
        }
        if text.hasPrefix("store:") {
            throw value.fail(
                "`store:` references are not available until the agent can sign in to the directory; use file:PATH or env:NAME for now")
        }
        throw value.fail(
            "holds an inline secret, which the configuration never does. Put the secret in a file only the agent can read and write `file:/etc/dsync/secret`, or in an environment variable and write `env:DSYNC_SECRET`")
    }

    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// The secret. The file reader is passed in so the engine stays free of
    /// I/O; the executables pass a real one.
    public func resolve(
        environment: [String: String],
        readFile: (String) throws -> String
    ) throws -> Secret {
        switch self {
        case .file(let path):
            var text: String
            do {
                text = try readFile(path)
            } catch {
                throw SecretUnavailable(reference: self, problem: FileProblem.describe(path, for: .read, error: error))
            }
            if text.hasSuffix("\r\n") {
                text.removeLast(2)
            } else if text.hasSuffix("\n") {
                text.removeLast()
            }
            return Secret(text)
        case .environment(let name):
            guard let value = environment[name] else { throw SecretUnavailable(reference: self) }
            return Secret(value)
        }
    }
}

/// A secret environment variable that is not set, or a secret file that
/// cannot be read (`problem`).
public struct SecretUnavailable: Error, Sendable, CustomStringConvertible {
    public let reference: SecretReference
    public var problem: String?

    public init(reference: SecretReference, problem: String? = nil) {
        self.reference = reference
        self.problem = problem
    }

    public var description: String {
        problem.map { "the secret \(reference) cannot be read: \($0)" } ?? "the secret \(reference) is not set"
    }
}

/// A resolved secret: redacted wherever it could be printed or logged.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself, for the one place that sends it.
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
