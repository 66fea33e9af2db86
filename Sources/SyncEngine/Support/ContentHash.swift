import Crypto

/// SHA-256 (swift-crypto) in hex, for the content hashes of written objects
/// and the mapping version; not used for anything secret.
enum ContentHash {
    static func hex(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
