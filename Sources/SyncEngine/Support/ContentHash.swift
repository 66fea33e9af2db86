import Crypto

/// SHA-256 (swift-crypto) in hex, for the content hashes of written objects
/// and the mapping version; not used for anything secret.
enum ContentHash {
    /// The digest's first `characters` hex digits (all 64 by default).
    static func hex(of bytes: [UInt8], characters: Int = SHA256.byteCount * 2) -> String {
        hex(SHA256.hash(data: bytes), characters: characters)
    }

    /// Of a text's UTF-8 bytes, hashed where they lie.
    static func hex(of text: String, characters: Int = SHA256.byteCount * 2) -> String {
        var text = text
        return text.withUTF8 { hex(SHA256.hash(data: UnsafeRawBufferPointer($0)), characters: characters) }
    }

    /// The digest's bytes are read in place: iterating the digest as a
    /// sequence copies them into an array first, one allocation per hash.
    static func hex(_ digest: SHA256.Digest, characters: Int) -> String {
        digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: characters) { buffer in
                for index in 0..<min(characters, bytes.count * 2) {
                    let byte = bytes[index / 2]
                    buffer[index] = digit(index % 2 == 0 ? byte >> 4 : byte & 0x0F)
                }
                return min(characters, bytes.count * 2)
            }
        }
    }

    @inline(__always)
    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
