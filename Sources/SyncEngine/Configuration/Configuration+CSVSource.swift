/// Reading a `sources[].csv` entry.
extension Configuration {
    static func readCSV(_ value: YAMLValue) throws(ConfigurationError) -> CSVSourceConfiguration {
        let keys = try value.mapping(known: [
            "path", "delimiter", "identifier", "disabled", "deleted", "exclude", "groups", "groupSeparator",
            "settleSeconds",
        ])
        let identifier = try keys.required("identifier")
        var csv = CSVSourceConfiguration(path: try keys.required("path").string(), identifier: try identifier.string())
        guard !csv.identifier.isEmpty else { throw identifier.fail("must name the column that identifies a user") }
        csv.delimiter = try keys["delimiter"]?.choice() ?? .comma
        csv.disabled = try keys["disabled"].map(readRule)
        csv.deleted = try keys["deleted"].map(readRule)
        csv.exclude = try keys["exclude"].map(readRules) ?? []
        csv.groups = try keys["groups"]?.string()
        if let separator = keys["groupSeparator"] {
            let text = try separator.string()
            guard !text.isEmpty else { throw separator.fail("must not be empty") }
            csv.groupSeparator = text
        }
        csv.settleSeconds = try keys["settleSeconds"]?.int(in: 0...300) ?? csv.settleSeconds
        return csv
    }
}
