import LDAP
public import SyncEngine

/// An RFC 2849 LDIF file as a source (what `slapcat` and `ldifde` export):
/// every read is a full snapshot of the file, ending with
/// `snapshotComplete`.
///
/// A file that is missing, unreadable, malformed, or holds no user or group
/// at all throws `LDIFSourceError` (naming the file and, for syntax errors,
/// the line): the caller reports a condition and plans nothing. It never
/// becomes an empty snapshot, which would make every linked object look
/// gone.
public struct LDIFSource: Source {
    public let name: String
    public let path: String
    public let scope: DirectoryScope

    public init(name: String, path: String, scope: DirectoryScope) {
        self.name = name
        self.path = path
        self.scope = scope
    }

    /// The source configured as `sources[].ldif`; its `baseDNs` bound the
    /// scope (none: every entry of the file).
    public init(name: String, configuration: LDIFSourceConfiguration) throws(DirectoryScopeError) {
        self.init(name: name, path: configuration.path, scope: try DirectoryScope(source: name, configuration: configuration))
    }

    public func read(after watermark: String?) async throws -> SourceReadResult {
        let read = try readObjects()
        var events = read.objects.map(ChangeEvent.upsert)
        events.append(.snapshotComplete)
        return SourceReadResult(events: events, watermark: nil, counts: read.counts)
    }

    /// The objects of the file, with what was skipped and why.
    public func readObjects() throws(LDIFSourceError) -> DirectoryRead {
        let reader: LDIFReader
        do {
            reader = try LDIFReader(contentsOfFile: path)
        } catch {
            throw LDIFSourceError(path: path, line: nil, reason: error.reason)
        }
        // A file named in the configuration may not make the agent read
        // other files through `attr:< file://` values.
        reader.readsFileURLs = false
        var builder = DirectoryObjectBuilder(scope: scope)
        do {
            while let record = try reader.next() {
                switch record {
                case .content(let entry):
                    builder.add(entry)
                case .change(let change):
                    guard case .add(let entry) = change.operation else {
                        throw LDIFSourceError(
                            path: path, line: nil,
                            reason: "the record for \(change.dn) is a change record, not an entry; a source file holds entries (slapcat, ldifde -f)")
                    }
                    builder.add(entry)
                }
            }
        } catch let error as LDIFSyntaxError {
            throw LDIFSourceError(path: path, line: error.line, reason: error.reason)
        } catch let error as LDIFSourceError {
            throw error
        } catch {
            throw LDIFSourceError(path: path, line: nil, reason: "\(error)")
        }
        let read = builder.finish()
        guard !read.objects.isEmpty else {
            throw LDIFSourceError(
                path: path, line: nil,
                reason: "holds no user or group in scope (filters \(scope.userFilter) and \(scope.groupFilter)); refusing to treat it as an empty directory")
        }
        return read
    }
}

/// An LDIF source file that cannot be read as a whole. The run stops before
/// planning: a partial file must not read as "everyone else is gone".
public struct LDIFSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    /// The physical line of a syntax error.
    public let line: Int?
    public let reason: String

    public var description: String {
        if let line { return "\(path), line \(line): \(reason)" }
        return "\(path): \(reason)"
    }
}
