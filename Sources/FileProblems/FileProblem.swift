import Foundation

/// Why a program (dsync, directoryd) cannot use one of its own files or
/// folders (a configuration, a data folder, a database), said for the
/// administrator: what is wrong with it, found by looking at it, and what
/// to do. Foundation's own texts for these ("The operation could not be
/// completed", "A file with the same name already exists") name neither.
public enum FileProblem {
    public enum Use: Sendable {
        /// Read (the configuration, a secret, a saved plan).
        case read
        /// Created if missing, and written in (the data folder).
        case writeFolder
        /// Written (a file in the data folder).
        case write
    }

    /// What is wrong with `path` for `use`; `error`, the failure seen, when
    /// looking at the path finds nothing more telling.
    public static func describe(_ path: String, for use: Use, error: (any Error)? = nil) -> String {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        switch use {
        case .read, .write:
            if exists, isFolder.boolValue { return "\(path) is a folder, not a file" }
            if !exists, use == .read { return "\(path) does not exist" + missingParent(path) }
        case .writeFolder:
            if exists, !isFolder.boolValue { return "\(path) is a file, not a folder; give a folder (or a path where one can be made)" }
        }
        // What is checked: the path itself, or the folder it is to be made in.
        let target = exists ? path : nearestExisting(path)
        var targetIsFolder: ObjCBool = false
        if !exists, FileManager.default.fileExists(atPath: target, isDirectory: &targetIsFolder), !targetIsFolder.boolValue {
            return "\(target) is a file, so \(path) cannot be made in it"
        }
        let wanted = use == .read ? R_OK : (exists && use == .write ? W_OK : W_OK | X_OK)
        if access(target, wanted) != 0 {
            let code = errno
            if code == EROFS { return "\(target) is on a read-only file system" }
            if code == EACCES || code == EPERM {
                let verb = use == .read ? "read" : "write in"
                return "\(target): permission denied; \(runningUser()) may not \(verb) it. Give that user access (chown or chmod), or run \(program) as a user who has it"
            }
        }
        if let code = (error as? CocoaError)?.underlyingPOSIXCode ?? (error as? POSIXError)?.code.rawValue, code == ENOSPC {
            return "\(target): the disk is full"
        }
        return "\(path): \(error.map(Self.text) ?? "cannot be used")"
    }

    /// This program's name (dsync, directoryd).
    static var program: String { ProcessInfo.processInfo.processName }

    /// The user the process runs as, by name and id.
    static func runningUser() -> String {
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
            return "the user \(program) runs as (\(String(cString: name)), uid \(uid))"
        }
        return "the user \(program) runs as (uid \(uid))"
    }

    private static func nearestExisting(_ path: String) -> String {
        var current = (path as NSString).deletingLastPathComponent
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            current = (current as NSString).deletingLastPathComponent
        }
        return current.isEmpty ? "." : current
    }

    private static func missingParent(_ path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) else { return "" }
        return " (nor does its folder \(parent))"
    }

    /// An error's own text, without Foundation's domain and code noise.
    private static func text(_ error: any Error) -> String {
        if let code = (error as? CocoaError)?.underlyingPOSIXCode ?? (error as? POSIXError)?.code.rawValue {
            return String(cString: strerror(code))
        }
        return "\(error)"
    }
}

extension CocoaError {
    /// The POSIX error under a Foundation file error, when there is one.
    var underlyingPOSIXCode: Int32? {
        (userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
    }
}
