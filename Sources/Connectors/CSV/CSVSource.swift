import Foundation
public import SyncEngine

/// A folder of CSV files, or one file, as a source (RFC 4180; see
/// `CSVParser` and `CSVObjectBuilder`). Every read is a full snapshot: it
/// ends with `snapshotComplete` when every file was read whole, so a row
/// missing from the file is a user gone (through the deletion limit).
///
/// A file still being written (its size or modification time changed
/// between two looks `settleSeconds` apart) is skipped this run, and the
/// read is then incomplete (`source-read-incomplete`): its users are
/// neither removed nor changed until it is still. A missing path, a folder
/// without `.csv` files, or files holding no row at all throw
/// `CSVSourceError`, never an empty snapshot that would remove everyone.
public struct CSVSource: Source {
    public let name: String
    public let configuration: CSVSourceConfiguration
    /// What happens between the two looks at the files.
    public let settling: FileSettling

    public init(name: String, configuration: CSVSourceConfiguration, settling: FileSettling? = nil) {
        self.name = name
        self.configuration = configuration
        self.settling = settling ?? .sleeping(seconds: configuration.settleSeconds)
    }

    public func read(after watermark: String?) async throws -> SourceReadResult {
        let read = try await readObjects()
        var events = read.objects.map(ChangeEvent.upsert)
        events += read.deleted.map(ChangeEvent.delete)
        events += read.problems.map(ChangeEvent.readIncomplete)
        if let names = read.attributeNames { events.append(.attributes(names)) }
        if read.isComplete { events.append(.snapshotComplete) }
        return SourceReadResult(events: events, watermark: nil, counts: read.isComplete ? read.counts : [:])
    }

    /// The files' users and groups, with the rows and files that could not
    /// be read and why.
    public func readObjects() async throws -> CSVRead {
        let files = try Self.files(at: configuration.path)
        let before = files.map(FileLook.init(path:))
        let after: [FileLook?]
        if configuration.settleSeconds > 0 {
            try await settling.pause()
            after = files.map(FileLook.init(path:))
        } else {
            after = before
        }
        var builder = CSVObjectBuilder(source: name, configuration: configuration)
        for (index, file) in files.enumerated() {
            guard let look = after[index], look == before[index] else {
                builder.fileProblem(
                    file, "is still being written (\(FileLook.change(before[index], after[index]))); skipped until it is still, so nothing is removed this run")
                continue
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                builder.fileProblem(file, "cannot be read (check the agent's permission on it)")
                continue
            }
            guard data.count == look.size else {
                builder.fileProblem(file, "is still being written (\(look.size) bytes, then \(data.count)); skipped until it is still")
                continue
            }
            builder.add(file: file, document: CSVParser.parse(Array(data), delimiter: configuration.delimiter.byte))
        }
        let read = builder.finish()
        guard !read.objects.isEmpty || !read.deleted.isEmpty || !read.problems.isEmpty else {
            throw CSVSourceError(path: configuration.path, reason: "holds no rows; refusing to treat it as an empty directory")
        }
        return read
    }

    /// The file, or the folder's `.csv` files (not hidden ones, such as an
    /// office suite's lock files; not subfolders), by name.
    static func files(at path: String) throws(CSVSourceError) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CSVSourceError(path: path, reason: "does not exist")
        }
        guard isFolder.boolValue else { return [path] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw CSVSourceError(path: path, reason: "cannot be listed: \(error.localizedDescription)")
        }
        let files = names.filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".csv") }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
            .filter { file in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) && !isFolder.boolValue
            }
        guard !files.isEmpty else {
            throw CSVSourceError(path: path, reason: "holds no .csv files; refusing to treat it as an empty directory")
        }
        return files
    }
}

/// A file's size and modification time at one look.
struct FileLook: Equatable {
    var size: Int
    var modified: Date?

    init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        modified = attributes[.modificationDate] as? Date
    }

    static func change(_ before: FileLook?, _ after: FileLook?) -> String {
        guard let before, let after else { return after == nil ? "it disappeared" : "it appeared" }
        if before.size != after.size { return "\(before.size) bytes, then \(after.size)" }
        return "modified again"
    }
}

/// What happens between the two looks at a CSV source's files: a sleep of
/// `settleSeconds`, or in tests whatever a writer does meanwhile.
public struct FileSettling: Sendable {
    public var pause: @Sendable () async throws -> Void

    public init(pause: @escaping @Sendable () async throws -> Void) {
        self.pause = pause
    }

    public static func sleeping(seconds: Int) -> FileSettling {
        FileSettling { try await Task.sleep(for: .seconds(seconds)) }
    }
}

/// A CSV source that cannot be read at all. The run plans nothing that
/// removes: the caller reports it as `source-read-incomplete`.
public struct CSVSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
