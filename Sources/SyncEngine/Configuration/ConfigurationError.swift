/// A configuration file that cannot be used, with the key path and line, so
/// the administrator can go straight to the mistake.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The key path, e.g. `sources[0].ldap.baseDNs`; empty for the whole file.
    public let path: String
    /// The 1-based line in the file, when known.
    public let line: Int?
    public let message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        var location = line.map { "line \($0)" } ?? ""
        if !path.isEmpty { location += location.isEmpty ? "`\(path)`" : ", `\(path)`" }
        return location.isEmpty ? message : "\(location): \(message)"
    }
}
