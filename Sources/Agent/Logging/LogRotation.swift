/// Which log files go when a run starts a new one: the newest `keep - 1`
/// stay (with the new one, `keep`). File names begin with the run's start
/// time (`20250131T120000Z-…`), so names sort by age.
public enum LogRotation {
    public static func expired(_ names: [String], keep: Int) -> [String] {
        let logs = names.filter { $0.hasSuffix(".log") }.sorted(by: >)
        return Array(logs.dropFirst(max(keep - 1, 0)))
    }

    /// `20250131T120000Z`: the start of a log file's name.
    public static func stamp(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)\(two(month))\(two(day))T\(two(hour))\(two(minute))\(two(second))Z"
    }
}
