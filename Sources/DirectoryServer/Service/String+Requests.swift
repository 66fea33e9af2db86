import Foundation

/// Checks every request makes of the text it was sent, without copies:
/// Foundation's `trimmingCharacters(in:)` took each string through NSString
/// and UTF-16, and comparing `lowercased()` text made two strings (together
/// a tenth of the work of parsing a Bulk request of user creates).
extension StringProtocol {
    /// Whether the text is empty or only `CharacterSet.whitespaces`: an ASCII
    /// character is looked at directly (a space or a tab), any other asked
    /// of the set.
    var isBlank: Bool {
        unicodeScalars.allSatisfy { scalar in
            scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
        }
    }

    /// Equal ignoring case: ASCII text compared byte by byte, any other as
    /// `lowercased()` compares it.
    func caseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        let ascii = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in caselessASCII(a, b) } ?? nil
        } ?? nil
        return ascii ?? (lowercased() == other.lowercased())
    }
}

/// Whether two ASCII texts are equal ignoring case; nil when either holds
/// another byte (a non-ASCII letter may lower-case to ASCII: the Kelvin sign).
private func caselessASCII(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
    func lower(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte }
    guard a.count == b.count else {
        return a.allSatisfy { $0 < 0x80 } && b.allSatisfy { $0 < 0x80 } ? false : nil
    }
    var equal = true
    for index in 0..<a.count {
        let (x, y) = (a[index], b[index])
        if x | y >= 0x80 { return nil }
        if lower(x) != lower(y) { equal = false }
    }
    return equal
}

extension String {
    /// The text without its leading and trailing slashes.
    var trimmingSlashes: Substring {
        guard let first = firstIndex(where: { $0 != "/" }), let last = lastIndex(where: { $0 != "/" }) else { return "" }
        return self[first...last]
    }
}
