/// Reads LDIF (RFC 2849) one record at a time.
///
/// ```swift
/// let reader = try LDIFReader(contentsOfFile: "/var/export.ldif")
/// while let record = try reader.next() { ... }
/// ```
///
/// Input is split into records at blank lines before anything is parsed, so
/// only the record being read (and, for a file, the current chunk) is held in
/// memory. After a syntax error `next()` goes on with the record after the
/// bad one, so a caller can report and skip.
///
/// Accepted beyond the letter of RFC 2849, as OpenLDAP's tools accept it: a
/// UTF-8 byte order mark, bytes above 0x7F in plain values, comment lines
/// inside a record, and a missing `-` after the last part of a modify record.
public final class LDIFReader {
    /// Whether `type:< file:///path` values are read from disk. Turn it off
    /// for LDIF from a party that must not make the process read its files.
    public var readsFileURLs = true

    /// The `version:` the input declared, once the first record was read.
    public private(set) var version: Int?

    private var buffer: [UInt8]
    /// Start of the bytes not yet consumed.
    private var position = 0
    /// Physical line number of the byte at `position`.
    private var lineNumber = 1
    private let file: LDIFFileInput?
    private var reachedEndOfInput: Bool
    private var isAtStart = true

    /// A reader over bytes already in memory.
    public init(bytes: [UInt8]) {
        self.buffer = bytes
        self.file = nil
        self.reachedEndOfInput = true
    }

    /// A reader over a file, read `chunkSize` bytes at a time as records are
    /// asked for.
    public init(contentsOfFile path: String, chunkSize: Int = 1 << 16) throws(LDIFFileError) {
        self.buffer = []
        self.file = try LDIFFileInput(path: path, chunkSize: chunkSize)
        self.reachedEndOfInput = false
    }

    /// Every record of `bytes`, for input small enough to hold as a whole.
    public static func records(in bytes: [UInt8]) throws(LDIFSyntaxError) -> [LDIFRecord] {
        let reader = LDIFReader(bytes: bytes)
        var records: [LDIFRecord] = []
        while let record = try reader.next() {
            records.append(record)
        }
        return records
    }

    /// The next record, or nil at the end of the input.
    public func next() throws(LDIFSyntaxError) -> LDIFRecord? {
        while let block = try nextBlock() {
            // Only the first record may begin with `version:`.
            let isFirstBlock = isAtStart
            isAtStart = false
            let parser = LDIFRecordParser(readsFileURLs: readsFileURLs)
            let lines = try parser.logicalLines(of: buffer[block.range], firstLineNumber: block.firstLine)
            var body = lines[...]
            if isFirstBlock, let declared = try parser.versionLine(in: &body) {
                version = declared
            }
            if let record = try parser.record(from: body) {
                return record
            }
        }
        return nil
    }

    // MARK: - Splitting the input into records

    /// The bytes of the next record (without its final line end) and the
    /// number of its first line; the record separator is consumed.
    private func nextBlock() throws(LDIFSyntaxError) -> (range: Range<Int>, firstLine: Int)? {
        compactIfWorthwhile()
        if isAtStart {
            try fill(atLeast: 3)
            if buffer[position...].starts(with: [0xEF, 0xBB, 0xBF]) { position += 3 }
        }
        // Blank lines between records: any number of them.
        while true {
            try fill(atLeast: 2)
            if position < buffer.count && buffer[position] == UInt8(ascii: "\n") {
                position += 1
            } else if buffer[position...].starts(with: [UInt8(ascii: "\r"), UInt8(ascii: "\n")]) {
                position += 2
            } else {
                break
            }
            lineNumber += 1
        }
        try fill(atLeast: 1)
        guard position < buffer.count else { return nil }

        let start = position
        let firstLine = lineNumber
        var scan = position
        while true {
            guard let lineEnd = firstIndex(of: UInt8(ascii: "\n"), from: scan) else {
                if reachedEndOfInput {
                    position = buffer.count
                    return (start..<buffer.count, firstLine)
                }
                scan = buffer.count
                try readMore()
                continue
            }
            lineNumber += 1
            // The record ends where a line is empty (LF, or CR LF).
            try fill(atLeast: lineEnd + 3 - position)
            let next = lineEnd + 1
            let isBlank = next < buffer.count && (buffer[next] == UInt8(ascii: "\n")
                || (buffer[next] == UInt8(ascii: "\r") && next + 1 < buffer.count
                    && buffer[next + 1] == UInt8(ascii: "\n")))
            if isBlank || (next == buffer.count && reachedEndOfInput) {
                position = next
                return (start..<lineEnd, firstLine)
            }
            scan = next
        }
    }

    private func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            var index = start
            while index < bytes.count {
                if bytes[index] == byte { return index }
                index += 1
            }
            return nil
        }
    }

    /// Reads until `count` bytes past `position` are buffered or the input ends.
    private func fill(atLeast count: Int) throws(LDIFSyntaxError) {
        while buffer.count - position < count && !reachedEndOfInput {
            try readMore()
        }
    }

    private func readMore() throws(LDIFSyntaxError) {
        guard let file, !reachedEndOfInput else { return }
        switch file.readChunk(appendingTo: &buffer) {
        case .success(let count):
            reachedEndOfInput = count == 0
        case .failure(let error):
            reachedEndOfInput = true
            throw LDIFSyntaxError(line: lineNumber, kind: .unreadableInput,
                                  reason: "cannot read the LDIF input: \(error.message)")
        }
    }

    /// Drops consumed bytes once they are the larger part of the buffer, so
    /// that each byte is moved at most about once.
    private func compactIfWorthwhile() {
        guard let file, position >= file.chunkSize, position * 2 >= buffer.count else { return }
        buffer.removeSubrange(0..<position)
        position = 0
    }
}
