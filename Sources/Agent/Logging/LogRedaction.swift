import Foundation

/// Secrets out of log lines: every known secret value (the target's token,
/// bind passwords, as resolved) and whatever follows `Bearer `.
public struct LogRedaction: Sendable, Hashable {
    public static let mask = "<redacted>"
    /// Values shorter than this are not searched for: they would mask
    /// ordinary words (and are no secrets worth the name).
    static let shortest = 4

    public private(set) var secrets: [String] = []

    public init(secrets: [String] = []) {
        for secret in secrets { add(secret) }
    }

    public mutating func add(_ secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= Self.shortest, !secrets.contains(trimmed) else { return }
        secrets.append(trimmed)
        // Longest first, so a secret containing another is masked whole.
        secrets.sort { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: Self.mask)
        }
        return Self.redactBearer(text)
    }

    /// `Bearer xyz` → `Bearer <redacted>` (any case), as in an echoed header.
    static func redactBearer(_ text: String) -> String {
        guard text.range(of: "bearer ", options: .caseInsensitive) != nil else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "bearer ", options: .caseInsensitive) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let token = rest.prefix { !$0.isWhitespace && $0 != "\"" && $0 != "," }
            if !token.isEmpty, token != Substring(Self.mask) { out += Self.mask }
            else { out += token }
            rest = rest.dropFirst(token.count)
        }
        return out + rest
    }
}
