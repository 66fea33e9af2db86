import Foundation
import SyncEngine

extension CSVObjectBuilder {
    /// When the identifier is missing from a header that is one field
    /// holding the other delimiter (a file exported with `;` read with
    /// `,`, or the reverse), the setting that reads it.
    static func delimiterHint(_ header: [String], configuration: CSVSourceConfiguration) -> String {
        let other: CSVSourceConfiguration.Delimiter = configuration.delimiter == .comma ? .semicolon : .comma
        guard header.count == 1, let only = header.first else { return "" }
        let names = only.split(separator: Character(other.rawValue)).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard names.contains(configuration.identifier.lowercased()) else { return "" }
        return "; the file separates its fields with \"\(other.rawValue)\": set `delimiter: \"\(other.rawValue)\"`"
    }
}
