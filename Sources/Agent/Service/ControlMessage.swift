/// The control socket's protocol: one JSON request line, one JSON answer
/// line, then the connection closes.
public enum ControlRequest: Codable, Sendable, Hashable {
    /// `dsync status`.
    case status
    /// `dsync sync [--full]` while the service runs: run now.
    case sync(full: Bool)
    /// `dsync stop`: finish the window in flight, then exit.
    case stop
}

public struct ControlAnswer: Codable, Sendable, Hashable {
    public var message: String
    public var status: ServiceStatus?

    public init(message: String, status: ServiceStatus? = nil) {
        self.message = message
        self.status = status
    }
}
