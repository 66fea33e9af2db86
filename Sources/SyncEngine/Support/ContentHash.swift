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

    static func hex(_ digest: SHA256.Digest, characters: Int) -> String {
        String(unsafeUninitializedCapacity: characters) { buffer in
            var index = 0
            for byte in digest where index < characters {
                buffer[index] = digits[Int(byte >> 4)]
                index += 1
                if index < characters {
                    buffer[index] = digits[Int(byte & 0x0F)]
                    index += 1
                }
            }
            return index
        }
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)
}
