import Crypto
import _CryptoExtras
import Foundation

/// Administrators' passwords, stored as scrypt hashes in a PHC-style string
/// (`$scrypt$ln=15,r=8,p=1$SALT$HASH`). Cost: N = 2^15, r = 8, p = 1, which
/// takes 32 MiB and about 0.1 s per hash on the project's machine: slow
/// enough to make guessing expensive, fast enough for a sign-in.
public enum PasswordHasher {
    static let logN = 15
    static let blockSize = 8
    static let parallelism = 1

    public static func hash(_ password: [UInt8]) throws -> String {
        let salt = SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }
        let derived = try derive(password, salt: salt, logN: logN, blockSize: blockSize, parallelism: parallelism)
        return "$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$\(Data(salt).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// Whether `password` matches `stored`, comparing in constant time.
    public static func verify(_ password: [UInt8], against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "scrypt",
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3]))
        else { return false }
        var parameters: [String: Int] = [:]
        for pair in parts[1].split(separator: ",") {
            let keyValue = pair.split(separator: "=")
            if keyValue.count == 2, let value = Int(keyValue[1]) { parameters[String(keyValue[0])] = value }
        }
        guard let logN = parameters["ln"], let r = parameters["r"], let p = parameters["p"], (10...20).contains(logN),
              let derived = try? derive(password, salt: Array(salt), logN: logN, blockSize: r, parallelism: p),
              derived.count == expected.count
        else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(derived, expected) { difference |= a ^ b }
        return difference == 0
    }

    private static func derive(_ password: [UInt8], salt: [UInt8], logN: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: password, salt: salt, outputByteCount: 32, rounds: 1 << logN, blockSize: blockSize, parallelism: parallelism
        )
        return key.withUnsafeBytes { Array($0) }
    }
}
