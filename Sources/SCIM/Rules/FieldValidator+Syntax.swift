/// The syntax checks of the field kinds. Practical rather than complete:
/// each accepts what directories really hold and refuses what is clearly
/// not a value of the kind.
extension FieldValidator {
    /// `local@domain` in the shape RFC 5321 §4.1.2 gives deliverable
    /// addresses: a dot-atom local part (RFC 5322 `atext`, no quoted strings,
    /// which no directory needs) of at most 64 bytes; a domain of at least two
    /// dot-separated labels of letters, digits and inner hyphens, each at most
    /// 63 bytes, the whole at most 253, the last label not all digits (no
    /// address literals); at most 254 bytes in all (RFC 5321 §4.5.3.1 with
    /// its path limit). Non-ASCII letters are accepted as they are in local
    /// parts and labels (RFC 6531/IDNA U-labels) without IDNA conversion.
    public static func isValidEmail(_ text: String) -> Bool {
        var text = text
        if let ascii = text.withUTF8({ asciiEmailValidity($0) }) { return ascii }
        let bytes = Array(text.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = text.utf8.prefix(at)
        let domain = String(decoding: bytes[(at + 1)...], as: UTF8.self)
        guard (1...64).contains(local.count) else { return false }
        let localText = String(decoding: local, as: UTF8.self)
        let atoms = localText.split(separator: ".", omittingEmptySubsequences: false)
        guard atoms.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(isAtomCharacter) }) else { return false }
        return isValidDomain(domain, minimumLabels: 2)
    }

    /// A DNS host name: dot-separated labels of letters, digits and inner
    /// hyphens (RFC 1123 §2.1), non-ASCII letters allowed as U-labels.
    static func isValidDomain(_ domain: String, minimumLabels: Int) -> Bool {
        var domain = domain
        if domain.utf8.allSatisfy({ $0 < 0x80 }) {
            return domain.withUTF8 { isValidASCIIDomain($0, minimumLabels: minimumLabels) }
        }
        guard (1...253).contains(domain.utf8.count) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= minimumLabels else { return false }
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                label.unicodeScalars.allSatisfy({ isLetterOrDigit($0) || $0 == "-" })
            else { return false }
        }
        if let last = labels.last, labels.count > 1, last.allSatisfy(\.isASCII), last.allSatisfy(\.isNumber) {
            return false
        }
        return true
    }

    /// RFC 5322 §3.2.3 `atext`, plus non-ASCII letters and digits.
    private static func isAtomCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return isLetterOrDigit(scalar) || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
        }
        return isLetterOrDigit(scalar)
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Digits with spaces and `+-().` as separators, `+` only first,
    /// parentheses paired, 3 to 20 digits; optionally the `tel:` prefix that
    /// RFC 7643 §4.1.2 suggests (RFC 3966), and an extension written
    /// `;ext=123`, `ext. 123`, `ext 123`, `x123` or `#123` (1–10 digits).
    public static func isValidPhone(_ text: String) -> Bool {
        var text = text
        // Most numbers hold only digits and separators (no prefix or
        // extension marker: those all have a letter, ';' or '#').
        if let plain = text.withUTF8({ plainPhoneValidity($0) }) { return plain }
        var number = Substring(text.lowercased())
        if number.hasPrefix("tel:") { number = number.dropFirst(4) }
        for marker in [";ext=", "extension", "ext.", "ext", "x", "#"] {
            if let range = number.firstRange(of: marker) {
                let extensionDigits = number[range.upperBound...].trimmingSpaces
                guard (1...10).contains(extensionDigits.count), extensionDigits.allSatisfy(\.isASCIIDigit) else {
                    return false
                }
                number = number[..<range.lowerBound]
                break
            }
        }
        number = number.trimmingSpaces
        var digits = 0
        var openParentheses = 0
        for (position, character) in number.enumerated() {
            switch character {
            case _ where character.isASCIIDigit: digits += 1
            case "+": guard position == 0 else { return false }
            case " ", "-", ".": break
            case "(":
                guard openParentheses == 0 else { return false }
                openParentheses += 1
            case ")":
                guard openParentheses == 1 else { return false }
                openParentheses -= 1
            default: return false
            }
        }
        return openParentheses == 0 && (3...20).contains(digits)
    }

    /// An absolute `http` or `https` URL (RFC 3986 §3) with a host name, an
    /// IPv4 address or a bracketed IPv6 address, an optional port, no user
    /// information (credentials do not belong in a directory field), and no
    /// spaces or control characters anywhere.
    public static func isValidURL(_ text: String) -> Bool {
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return false }
        let lowered = text.lowercased()
        let rest: Substring
        if lowered.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lowered.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.contains("@") else { return false }
        var host = authority
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return false }
            let address = authority[authority.index(after: authority.startIndex)..<close]
            guard address.contains(":"), address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
            let after = authority[authority.index(after: close)...]
            return after.isEmpty || isValidPort(after)
        }
        if let colon = authority.lastIndex(of: ":") {
            guard isValidPort(authority[colon...]) else { return false }
            host = authority[..<colon]
        }
        return isIPv4(host) || isValidDomain(String(host), minimumLabels: 1)
    }

    /// Four decimal octets, 0–255.
    private static func isIPv4(_ text: Substring) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            (1...3).contains(octet.count) && octet.allSatisfy(\.isASCIIDigit) && (Int(octet) ?? 256) <= 255
        }
    }

    /// `:` and a port number 0–65535.
    private static func isValidPort(_ text: Substring) -> Bool {
        guard text.first == ":" else { return false }
        let digits = text.dropFirst()
        guard (1...5).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let port = Int(digits) else { return false }
        return port <= 65_535
    }

    /// `[+-] digits [. digits]`: a plain decimal, as people type it; no
    /// exponent, no grouping separators.
    public static func decimalNumber(_ text: String) -> Double? {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
            return nil
        }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }
}
