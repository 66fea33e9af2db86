#if FUZZING
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The libFuzzer entry point, compiled only for the fuzz build
/// (`-sanitize=fuzzer -DFUZZING`, see scripts/fuzz-ldap).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzOneInput.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// libFuzzer's driver (compiler-rt FuzzerDriver.cpp), declared here as there
/// is no Swift module for it. Needs `-enable-experimental-feature Extern`.
@_extern(c, "LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// On Linux SwiftPM links every executable with `--defsym main=LDAPFuzz_main`
/// (so that tests can link executable modules), which leaves libFuzzer's own
/// `main` unused and fails the link without a Swift entry point. So the fuzz
/// build has one too, and it hands over to libFuzzer's driver.
@main
enum FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzTestOneInput))
    }
}
#endif
