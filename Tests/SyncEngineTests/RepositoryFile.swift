import Foundation

/// Files of the repository, found from this source file's path, for tests
/// that compare generated documentation with the committed copy.
enum RepositoryFile {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
