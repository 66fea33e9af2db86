/// Small text helpers for the ASCII syntax of query parameters, phone
/// numbers and URLs.
extension Substring {
    /// Without leading and trailing spaces (U+0020 only: the separators of
    /// comma-separated lists and phone extensions).
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}

extension Character {
    /// 0–9 only; `isNumber` alone also accepts other scripts' digits.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
