/// The syntax checks of `FieldValidator+Syntax.swift` for all-ASCII text,
/// on its bytes: the same rules, without building substrings or looking
/// at Unicode properties. Nearly every address and number a directory
/// holds is ASCII; text with any other byte takes the general path.
extension FieldValidator {
    /// `isValidEmail` for ASCII bytes; `nil` when a byte is not ASCII.
    static func asciiEmailValidity(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        // The local part: RFC 5322 §3.2.3 dot-atom, at most 64 bytes.
        guard (1...64).contains(at) else { return false }
        var atomLength = 0
        for byte in bytes[..<at] {
            if byte == UInt8(ascii: ".") {
                guard atomLength > 0 else { return false }
                atomLength = 0
            } else {
                guard isASCIIAtomByte(byte) else { return false }
                atomLength += 1
            }
        }
        guard atomLength > 0 else { return false }
        return isValidASCIIDomain(UnsafeBufferPointer(rebasing: bytes[(at + 1)...]), minimumLabels: 2)
    }

    /// `isValidDomain` for ASCII bytes (RFC 1123 §2.1 labels).
    static func isValidASCIIDomain(_ bytes: UnsafeBufferPointer<UInt8>, minimumLabels: Int) -> Bool {
        guard (1...253).contains(bytes.count) else { return false }
        var labels = 0
        var labelStart = 0
        var lastLabelAllDigits = true
        for index in 0...bytes.count {
            guard index < bytes.count, bytes[index] != UInt8(ascii: ".") else {
                let length = index - labelStart
                guard (1...63).contains(length), bytes[labelStart] != UInt8(ascii: "-"), bytes[index - 1] != UInt8(ascii: "-")
                else { return false }
                labels += 1
                labelStart = index + 1
                if index < bytes.count { lastLabelAllDigits = true }
                continue
            }
            let byte = bytes[index]
            guard isASCIILetterOrDigit(byte) || byte == UInt8(ascii: "-") else { return false }
            if !(0x30...0x39).contains(byte) { lastLabelAllDigits = false }
        }
        guard labels >= minimumLabels else { return false }
        return labels == 1 || !lastLabelAllDigits
    }

    /// `isValidPhone` for a number of digits and separators only (no
    /// prefix or extension); `nil` when it holds any other byte.
    static func plainPhoneValidity(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        var digits = 0
        var openParentheses = 0
        var valid = true
        for position in 0..<bytes.count {
            let byte = bytes[position]
            switch byte {
            case 0x30...0x39: digits += 1
            case UInt8(ascii: "+"): if position != start { valid = false }
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."): break
            case UInt8(ascii: "("):
                if openParentheses != 0 { valid = false }
                openParentheses += 1
            case UInt8(ascii: ")"):
                if openParentheses != 1 { valid = false }
                openParentheses -= 1
            default: return nil
            }
        }
        return valid && openParentheses == 0 && (3...20).contains(digits)
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// RFC 5322 §3.2.3 `atext`.
    private static func isASCIIAtomByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "?"),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
