/// How often the service runs: `30m`, `1h`, `90s`, `1h30m` (at least a
/// minute apart, at most a day), as `dsync run --every` takes it.
public struct RunInterval: Sendable, Hashable, CustomStringConvertible {
    public let seconds: Int

    public init?(_ text: String) {
        var total = 0
        var number = 0
        var digits = 0
        for character in text.lowercased() {
            if let digit = character.wholeNumberValue, character.isASCII {
                number = number * 10 + digit
                digits += 1
                guard number <= 86_400 else { return nil }
                continue
            }
            let unit: Int
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3_600
            case "d": unit = 86_400
            default: return nil
            }
            guard digits > 0 else { return nil }
            total += number * unit
            number = 0
            digits = 0
        }
        guard digits == 0, (60...86_400).contains(total) else { return nil }
        seconds = total
    }

    public var duration: Duration { .seconds(seconds) }

    public var description: String {
        var parts: [String] = []
        var rest = seconds
        for (unit, name) in [(3_600, "h"), (60, "m"), (1, "s")] where rest >= unit {
            parts.append("\(rest / unit)\(name)")
            rest %= unit
        }
        return parts.joined()
    }
}
