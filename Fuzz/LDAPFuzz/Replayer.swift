#if !FUZZING
import LDAP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The normal build of `ldap-fuzz` (without `-DFUZZING`): runs each file
/// named on the command line through `FuzzOneInput.run`, the same code the
/// fuzzer drives, so that a crash input can be replayed under a debugger
/// without the fuzzer runtime. `--write-seeds DIR` writes the seed corpus.
@main
struct Replayer {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--write-seeds" {
            guard arguments.count == 2 else { usage() }
            writeSeeds(to: arguments[1])
            return
        }
        if arguments.isEmpty || arguments.first == "-h" || arguments.first == "--help" { usage() }
        for path in arguments {
            guard let bytes = readFile(path) else {
                printError("ldap-fuzz: cannot read \(path)")
                exit(1)
            }
            let outcome = bytes.withUnsafeBytes { FuzzOneInput.run($0) }
            let operations = outcome.messages.map { "\($0.operation.name)#\($0.messageID)" + ($0.controls.isEmpty ? "" : "+\($0.controls.count) controls") }
            let ending = outcome.error.map { "then \($0)" } ?? "then end of input"
            print("ldap-fuzz: \(path): \(bytes.count) bytes, decoded [\(operations.joined(separator: ", "))] \(ending); "
                + "\(outcome.isFilter ? "a" : "not a") filter; \(outcome.ldifRecords) LDIF records; no crash")
        }
    }

    static func usage() -> Never {
        printError("""
            usage: ldap-fuzz FILE...             run each input through the fuzz target's code
                   ldap-fuzz --write-seeds DIR   write the seed corpus into DIR
            The fuzzer itself is built and run by scripts/fuzz-ldap.
            """)
        exit(2)
    }

    static func printError(_ message: String) {
        var line = message + "\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes.append(contentsOf: chunk[..<count])
            if count < chunk.count { break }
        }
        return ferror(file) == 0 ? bytes : nil
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        return fclose(file) == 0 && written == bytes.count
    }

    static func writeSeeds(to directory: String) {
        for (name, bytes) in Seeds.all {
            let path = directory + "/" + name
            guard writeFile(path, bytes) else {
                printError("ldap-fuzz: cannot write \(path)")
                exit(1)
            }
            print("\(path): \(bytes.count) bytes")
        }
    }
}
#endif
