/// `type:< URL` values (RFC 2849 §2 "url"). Only local files are read:
/// `file:///absolute/path` (RFC 8089 with an empty host), percent-escapes
/// decoded. Any other scheme or a relative path is an error, since a sync
/// agent must not fetch from the network while reading an import file.
enum LDIFFileURL {
    static func contents(of url: ArraySlice<UInt8>, line: Int,
                         readsFileURLs: Bool) throws(LDIFSyntaxError) -> [UInt8] {
        let shown = String(decoding: url, as: UTF8.self)
        guard readsFileURLs else {
            throw LDIFSyntaxError(line: line, kind: .invalidURL,
                                  reason: "file URL \"\(shown)\" not read: reading files is turned off")
        }
        let scheme = Array("file://".utf8)
        guard url.count > scheme.count,
              LDIFLines.equalsIgnoringASCIICase(url.prefix(scheme.count), "file://".utf8) else {
            throw LDIFSyntaxError(line: line, kind: .invalidURL,
                                  reason: "unsupported URL \"\(shown)\": only file:///absolute/path is read")
        }
        let encodedPath = url.dropFirst(scheme.count)
        guard encodedPath.first == UInt8(ascii: "/") else {
            throw LDIFSyntaxError(line: line, kind: .invalidURL,
                                  reason: "URL \"\(shown)\" is not an absolute file path (file:///path)")
        }
        guard let pathBytes = percentDecoded(encodedPath), !pathBytes.contains(0) else {
            throw LDIFSyntaxError(line: line, kind: .invalidURL,
                                  reason: "URL \"\(shown)\" has an invalid percent-escape")
        }
        let path = String(decoding: pathBytes, as: UTF8.self)
        switch LDIFFileInput.contentsOfFile(atPath: path) {
        case .success(let content):
            return content
        case .failure(let error):
            throw LDIFSyntaxError(line: line, kind: .unreadableURL,
                                  reason: "cannot read \"\(shown)\": \(error.message)")
        }
    }

    /// RFC 3986 §2.1 `%XX`; nil if a `%` is not followed by two hex digits.
    static func percentDecoded(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < text.endIndex,
                      let high = hexDigit(text[index + 1]), let low = hexDigit(text[index + 2]) else { return nil }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        return decoded
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
