/// Writes compact JSON text (RFC 8259) straight to bytes, for messages sent
/// often enough that building a `JSON` value first would cost more than the
/// sending (an agent's Bulk requests). Members come out in the order they
/// are written, strings and numbers exactly as `JSON.serialized()` writes
/// them, so the same content gives the same bytes either way.
///
/// Separators are the writer's business: a value or a key after a value gets
/// its comma. Keys and values must alternate inside objects; the writer does
/// not check it.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// Whether the next value or key follows a sibling (needs a comma).
    private var afterValue = false

    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        afterValue = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        afterValue = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        afterValue = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        afterValue = true
    }

    /// A member's name; its value comes next.
    public mutating func key(_ name: String) {
        separate()
        JSON.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    public mutating func string(_ value: String) {
        separate()
        JSON.appendString(value, to: &bytes)
        afterValue = true
    }

    public mutating func value(_ value: JSON) {
        separate()
        value.append(to: &bytes)
        afterValue = true
    }

    /// A member with a string value.
    public mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    /// Bytes that are already one complete JSON value (an element written by
    /// another writer).
    public mutating func raw<Bytes: Collection<UInt8>>(_ value: Bytes) {
        separate()
        bytes.append(contentsOf: value)
        afterValue = true
    }

    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
    }
}
