/// A SCIM message or resource with a JSON form: read with `init(json:)`,
/// written with `json`. `Codable` comes with it, through `JSON`, so a
/// message can also go through `JSONEncoder`/`JSONDecoder` with exactly the
/// same member names and tolerance.
public protocol SCIMMessage: Codable, Sendable {
    init(json: JSON) throws(SCIMDecodingError)
    var json: JSON { get }
}

extension SCIMMessage {
    public init(from decoder: any Decoder) throws {
        try self.init(json: JSON(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }

    /// Parses a message from UTF-8 JSON bytes. Throws a `JSONSyntaxError`
    /// for invalid JSON and a `SCIMDecodingError` for valid JSON of the wrong
    /// shape; both are `SCIMErrorConvertible`.
    public init(parsing bytes: some Collection<UInt8>) throws {
        try self.init(json: JSON(parsing: bytes))
    }
}
