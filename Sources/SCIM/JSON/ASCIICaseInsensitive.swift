/// ASCII case-insensitive comparison of names.
///
/// SCIM attribute names are `ALPHA *(nameChar)` and schema URNs are ASCII
/// (RFC 7643 §2.1, §10.2), so their case-insensitivity is ASCII's; folding
/// only A–Z keeps lookups allocation-free and leaves other text untouched.
public enum ASCIICaseInsensitive {
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    public static func equal(_ lhs: String, _ rhs: String) -> Bool {
        // Most names differ in length: no copy to compare them.
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { a in
            rhs.withUTF8 { b in
                guard a.count == b.count else { return false }
                for index in 0..<a.count where lower(a[index]) != lower(b[index]) {
                    return false
                }
                return true
            }
        }
    }

    static func hasPrefix(_ string: String, _ prefix: String) -> Bool {
        let a = string.utf8
        let b = prefix.utf8
        guard a.count >= b.count else { return false }
        return zip(a, b).allSatisfy { lower($0) == lower($1) }
    }

    /// The key under which a name is hashed: ASCII letters lowered.
    static func key(_ string: String) -> String {
        guard string.utf8.contains(where: { $0 &- UInt8(ascii: "A") < 26 }) else { return string }
        return String(decoding: string.utf8.map(lower), as: UTF8.self)
    }
}
