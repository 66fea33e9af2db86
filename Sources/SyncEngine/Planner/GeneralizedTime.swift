/// LDAP GeneralizedTime (RFC 4517 §3.3.13: `YYYYMMDDHH[MM[SS]][(.|,)fraction](Z|±HH[MM])`)
/// to RFC 3339 in UTC, without Foundation.
enum GeneralizedTime {
    /// `2024-01-31T11:00:00Z` for `20240131120000+0100`; `nil` if malformed.
    /// Fractions of a second are dropped: directories store whole seconds.
    static func rfc3339(_ text: String, dateOnly: Bool) -> String? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(4, 2), let day = number(6, 2), let hour = number(8, 2),
            (1...12).contains(month), (1...daysIn(month, year)).contains(day), hour < 24
        else { return nil }
        var index = 10
        var minute = 0
        var second = 0
        if let value = number(index, 2) {
            minute = value
            index += 2
            if let value = number(index, 2) {
                second = value
                index += 2
            }
        }
        guard minute < 60, second < 61 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            index += 1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }  // the zone is required
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard let zoneHour = number(index + 1, 2), zoneHour < 24 else { return nil }
            index += 3
            var zoneMinute = 0
            if let value = number(index, 2) {
                zoneMinute = value
                index += 2
            }
            guard zoneMinute < 60 else { return nil }
            offsetMinutes = sign * (zoneHour * 60 + zoneMinute)
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        let local = days(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        let utc = local - offsetMinutes * 60
        let (y, m, d) = civil(utc >= 0 ? utc / 86_400 : (utc - 86_399) / 86_400)
        let secondsOfDay = ((utc % 86_400) + 86_400) % 86_400
        let date = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
        if dateOnly { return date }
        return date + "T" + pad(secondsOfDay / 3600, 2) + ":" + pad(secondsOfDay / 60 % 60, 2) + ":"
            + pad(secondsOfDay % 60, 2) + "Z"
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    private static func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse (`civil_from_days`).
    private static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
