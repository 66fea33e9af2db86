#if FUZZING
/// The libFuzzer entry point, compiled only for the fuzz build
/// (`-sanitize=fuzzer -DFUZZING`, see scripts/fuzz-ldap); libFuzzer brings
/// its own `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzOneInput.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
#endif
