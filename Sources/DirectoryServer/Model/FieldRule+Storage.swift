import Foundation
import SCIM

/// Field rules are stored as JSON text, the same on both stores.
extension FieldRule {
    var storedText: String {
        get throws { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }
    }

    init(storedText: String) throws {
        self = try JSONDecoder().decode(FieldRule.self, from: Data(storedText.utf8))
    }

    var nameKey: String { name.lowercased() }
}
