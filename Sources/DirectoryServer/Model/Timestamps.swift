import Foundation

/// RFC 3339 timestamps in UTC with milliseconds, for `meta` (RFC 7643
/// §2.3.5) and the database alike. Formatting goes through whole
/// milliseconds, so a stored and re-read time prints exactly as before
/// (a Double of seconds does not round-trip through decimal text).
enum Timestamps {
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Now, to the millisecond.
    static func now() -> Date {
        date(milliseconds: milliseconds(Date()))
    }

    static func format(_ date: Date) -> String {
        let ms = milliseconds(date)
        if let text = TimestampText.format(milliseconds: ms) { return text }
        let (seconds, fraction) = ms.quotientAndRemainder(dividingBy: 1000)
        let whole = Date(timeIntervalSince1970: Double(seconds))
            .formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    static func parse(_ text: String) -> Date? {
        if let ms = TimestampText.parse(text) { return date(milliseconds: ms) }
        let style = Date.ISO8601FormatStyle().year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)
        guard let parsed = try? Date(text, strategy: style) else { return nil }
        return date(milliseconds: milliseconds(parsed))
    }
}
