/// What a server offers, from its reply to EHLO (RFC 5321 §4.1.1.1): the
/// first line greets, every further line is an extension keyword with its
/// parameters.
public struct SMTPCapabilities: Sendable, Hashable {
    /// Upper-cased keywords and their parameters, e.g. `AUTH: [PLAIN, LOGIN]`.
    public var extensions: [String: [String]]

    public init(ehlo reply: SMTPReply) {
        var extensions: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            extensions[keyword] = Array(words.dropFirst())
        }
        self.extensions = extensions
    }

    /// RFC 3207 §4.
    public var startTLS: Bool { extensions["STARTTLS"] != nil }

    /// RFC 4954 §3: the SASL mechanisms after `AUTH`, upper-cased.
    public var authMechanisms: [String] { (extensions["AUTH"] ?? []).map { $0.uppercased() } }
}
