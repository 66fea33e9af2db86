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
        if utf8.allSatisfy({ $0 < 0x80 }) && other.utf8.allSatisfy({ $0 < 0x80 }) {
            return utf8.count == other.utf8.count
                && zip(utf8, other.utf8).allSatisfy { Self.lowerASCII($0) == Self.lowerASCII($1) }
        }
        return lowercased() == other.lowercased()
    }

    private static func lowerASCII(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
}

extension String {
    /// The text without its leading and trailing slashes.
    var trimmingSlashes: Substring {
        guard let first = firstIndex(where: { $0 != "/" }), let last = lastIndex(where: { $0 != "/" }) else { return "" }
        return self[first...last]
    }
}
