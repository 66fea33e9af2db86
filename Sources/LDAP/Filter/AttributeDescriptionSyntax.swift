/// The lexical rules of attribute descriptions and OIDs (RFC 4512 §1.4, §2.5),
/// shared by the filter parser (RFC 4515 `attr`, `matchingrule`) and the LDIF
/// reader (RFC 2849 `AttributeDescription`).
enum AttributeDescriptionSyntax {
    static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// `keychar = ALPHA / DIGIT / HYPHEN`
    static func isKeyChar(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "-")
    }

    /// Bytes that can occur anywhere in an attribute description; a scanner
    /// stops at the first other byte and then validates what it took.
    static func isDescriptionByte(_ byte: UInt8) -> Bool {
        isKeyChar(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ";")
    }

    /// `oid = descr / numericoid`, where `descr = ALPHA *keychar` and
    /// `numericoid = number 1*( DOT number )`, `number = DIGIT / ( LDIGIT 1*DIGIT )`.
    static func isOID(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        if isAlpha(first) {
            return bytes.allSatisfy(isKeyChar)
        }
        var numbers = 0  // completed numbers, each followed by a dot
        var digitsInNumber = 0
        var leadingZero = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digitsInNumber > 0 else { return false }
                numbers += 1
                digitsInNumber = 0
            } else if isDigit(byte) {
                // A number with more than one digit must not start with 0.
                if digitsInNumber == 1 && leadingZero { return false }
                if digitsInNumber == 0 { leadingZero = byte == UInt8(ascii: "0") }
                digitsInNumber += 1
            } else {
                return false
            }
        }
        // At least two numbers, the last one not empty.
        return digitsInNumber > 0 && numbers >= 1
    }

    /// `attributedescription = attributetype options`,
    /// `options = *( SEMI option )`, `option = 1*keychar`.
    static func isAttributeDescription(_ bytes: ArraySlice<UInt8>) -> Bool {
        // Checked in place: the LDIF reader calls this for every line.
        let typeEnd = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
        guard isOID(bytes[..<typeEnd]) else { return false }
        var rest = bytes[typeEnd...]
        while !rest.isEmpty {
            rest = rest.dropFirst()  // the ";"
            let optionEnd = rest.firstIndex(of: UInt8(ascii: ";")) ?? rest.endIndex
            let option = rest[..<optionEnd]
            guard !option.isEmpty, option.allSatisfy(isKeyChar) else { return false }
            rest = rest[optionEnd...]
        }
        return true
    }
}
