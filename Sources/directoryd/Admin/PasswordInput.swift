import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Passwords come from a file or from a prompt without echo, never from the
/// command line (where `ps` and shell history would show them).
enum PasswordInput {
    static func read(file: String?, option: String, prompt: String) throws -> [UInt8] {
        var bytes: [UInt8]
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("Cannot read the password file \(file).")
            }
            bytes = [UInt8](data)
            if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        } else {
            guard isatty(0) == 1, let entered = getpass(prompt) else {
                throw ValidationError("Give the password in a file with \(option) (standard input is not a terminal to prompt on).")
            }
            bytes = Array(String(cString: entered).utf8)
        }
        guard bytes.count >= 12 else { throw ValidationError("The password must have at least 12 characters.") }
        return bytes
    }
}
