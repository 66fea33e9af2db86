import Foundation
import Hummingbird

/// `application/x-www-form-urlencoded` bodies, as OAuth 2.0 requests carry
/// them (RFC 6749 Appendix B).
enum FormBody {
    enum Failure: Error, Equatable {
        case wrongContentType(String?)
        case tooLarge
        case malformed(String)
        /// RFC 6749 §3.1: parameters must not repeat.
        case repeated(String)
    }

    static func read(_ request: Request, limit: Int = 16 * 1024) async throws(Failure) -> [String: String] {
        let type = request.headers[.contentType]
        guard let type, type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw .wrongContentType(type)
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch { throw .tooLarge }
        return try parse(String(buffer: buffer))
    }

    static func parse(_ text: String) throws(Failure) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw .malformed(String(pair.prefix(40)))
            }
            guard fields[name] == nil else { throw .repeated(name) }
            fields[name] = value
        }
        return fields
    }

    /// `+` is a space, then percent-decoding; nil for a broken escape or
    /// bytes that are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// RFC 6749 §2.3.1: HTTP Basic with the form-encoded client id and
    /// secret. nil when the header is absent or not Basic.
    static func basicCredentials(_ header: String?) -> (id: String, secret: String)? {
        guard let header, header.lowercased().hasPrefix("basic "),
              let data = Data(base64Encoded: header.dropFirst(6).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":"),
              let id = decode(text[..<colon]), let secret = decode(text[text.index(after: colon)...])
        else { return nil }
        return (id, secret)
    }
}
