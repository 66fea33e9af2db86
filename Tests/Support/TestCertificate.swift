import Foundation

/// A self-signed certificate for 127.0.0.1, made by openssl, for HTTPS
/// servers in tests.
public enum TestCertificate {
    public static func make() throws -> (certificate: String, key: String) {
        let folder = try TestFolder.make("tls").path
        let certificate = folder + "/cert.pem", key = folder + "/key.pem"
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=directoryd test", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw ProcessFailure(message: "openssl could not make a test certificate") }
        return (certificate, key)
    }
}
