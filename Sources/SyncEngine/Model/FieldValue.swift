public import SCIM

/// A field's value in a plan: JSON, or a reference to another synced object
/// whose target id may not exist until an earlier action of the same plan
/// has created it (a manager created in the same run). The executor
/// resolves references through the links.
public enum FieldValue: Sendable, Hashable, Codable {
    case json(JSON)
    case reference(Anchor)

    /// A stable text for hashing.
    var canonical: String {
        var bytes: [UInt8] = []
        appendCanonical(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `canonical`'s UTF-8 bytes, appended where a hash's input is built.
    func appendCanonical(to bytes: inout [UInt8]) {
        switch self {
        case .json(let json):
            bytes.append(UInt8(ascii: "j"))
            json.append(to: &bytes)
        case .reference(let anchor):
            bytes.append(UInt8(ascii: "r"))
            bytes.append(contentsOf: anchor.rawValue.utf8)
        }
    }
}

/// One field set by a create or an update.
public struct FieldAssignment: Sendable, Hashable, Codable {
    public var field: String
    public var value: FieldValue

    public init(_ field: String, _ value: FieldValue) {
        self.field = field
        self.value = value
    }
}
