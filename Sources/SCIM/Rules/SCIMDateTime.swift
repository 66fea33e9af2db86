/// Calendar dates and `xsd:dateTime` instants (RFC 7643 §2.3.5), parsed
/// without Foundation: the field rule for dates needs a real-calendar check
/// and the filter evaluator needs chronological comparison.
public struct SCIMDateTime: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// Fractional-second digits without trailing zeros, compared as a
    /// decimal fraction.
    let fraction: [UInt8]

    /// Parses `YYYY-MM-DDThh:mm:ss[.fff…][Z|±hh:mm]` (XML Schema dateTime as
    /// RFC 7643 §2.3.5 uses it). A value without a zone is read as UTC, which
    /// is what servers that omit it mean in practice.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            let date = SCIMDate(bytes[0..<10]),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = Self.number(bytes[11..<13]), hour < 24,
            let minute = Self.number(bytes[14..<16]), minute < 60,
            let second = Self.number(bytes[17..<19]), second < 61  // 60: a leap second
        else { return nil }
        var index = 19
        var fraction: [UInt8] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, JSONReader.isDigit(bytes[index]) {
                fraction.append(bytes[index])
                index += 1
            }
            guard !fraction.isEmpty else { return nil }
            while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        }
        var offsetSeconds = 0
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard bytes.count - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
                    let zoneHour = Self.number(bytes[(index + 1)..<(index + 3)]), zoneHour <= 14,
                    let zoneMinute = Self.number(bytes[(index + 4)..<(index + 6)]), zoneMinute < 60
                else { return nil }
                offsetSeconds = (zoneHour * 3600 + zoneMinute * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
                index += 6
            default:
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        let daySeconds = Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        self.seconds = date.daysSinceEpoch * 86_400 + daySeconds
        self.fraction = fraction
    }

    public static func < (lhs: SCIMDateTime, rhs: SCIMDateTime) -> Bool {
        if lhs.seconds != rhs.seconds { return lhs.seconds < rhs.seconds }
        // Compare fractions digit by digit, the shorter padded with zeros.
        for position in 0..<max(lhs.fraction.count, rhs.fraction.count) {
            let a = position < lhs.fraction.count ? lhs.fraction[position] : UInt8(ascii: "0")
            let b = position < rhs.fraction.count ? rhs.fraction[position] : UInt8(ascii: "0")
            if a != b { return a < b }
        }
        return false
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard JSONReader.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return digits.isEmpty ? nil : value
    }
}

/// A proleptic Gregorian calendar date, `YYYY-MM-DD` with a four-digit year.
public struct SCIMDate: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYY-MM-DD`; `nil` unless it is a real calendar date
    /// (2024-02-29 yes, 2023-02-29 no) in years 0001–9999.
    public init?(parsing text: String) {
        self.init(Array(text.utf8)[...])
    }

    init?(_ bytes: ArraySlice<UInt8>) {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            let year = SCIMDateTime.number(bytes[start..<(start + 4)]), year >= 1,
            let month = SCIMDateTime.number(bytes[(start + 5)..<(start + 7)]), (1...12).contains(month),
            let day = SCIMDateTime.number(bytes[(start + 8)..<(start + 10)]),
            day >= 1, day <= SCIMDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 (the civil-from-days algorithm's inverse, by
    /// eras of 400 years).
    var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func < (lhs: SCIMDate, rhs: SCIMDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
