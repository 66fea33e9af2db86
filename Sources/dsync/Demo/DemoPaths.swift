import ArgumentParser
import Foundation

/// Where the demo finds its programs and the sample.
enum DemoPaths {
    /// This program.
    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }

    /// `directoryd`: DIRECTORYD_BIN, else next to this program, else on PATH.
    static var directoryd: String {
        if let path = ProcessInfo.processInfo.environment["DIRECTORYD_BIN"] { return path }
        let sibling = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("directoryd").path
        return FileManager.default.isExecutableFile(atPath: sibling) ? sibling : "directoryd"
    }

    /// The repository (the folder holding `Samples/directory-v1.ldif`),
    /// from the current folder or this program's, upwards.
    static func findRepository() throws -> String {
        for start in [FileManager.default.currentDirectoryPath, URL(fileURLWithPath: executable).deletingLastPathComponent().path] {
            var folder = URL(fileURLWithPath: start)
            while true {
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Samples/directory-v1.ldif").path) { return folder.path }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw ValidationError("Cannot find the sample directory (Samples/directory-v1.ldif) above the current folder; run the demo from the repository or give --repository.")
    }
}
