/// One record of a CSV file (RFC 4180 §2): its fields and the physical line
/// it starts on, for conditions that name the line.
public struct CSVRecord: Sendable, Hashable {
    public var fields: [String]
    /// 1-based; a record with a quoted line break spans several lines.
    public var line: Int
    /// Why the record is malformed (text after a closing quote, bytes that
    /// are not UTF-8); nil for a good record.
    public var problem: String?

    public init(fields: [String], line: Int, problem: String? = nil) {
        self.fields = fields
        self.line = line
        self.problem = problem
    }

    /// A line with nothing on it, or only delimiters.
    public var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
}

/// What a CSV file holds: its records, and whether it ended inside a quoted
/// field, which swallows everything after the opening quote (a file cut
/// short, or a quote left open), so the file cannot be trusted to be whole.
public struct CSVDocument: Sendable, Hashable {
    public var records: [CSVRecord]
    /// The line of the quote that is never closed.
    public var unterminatedQuoteLine: Int?
}

/// An RFC 4180 reader over the bytes of a whole file, without I/O.
///
/// - UTF-8, with or without a byte order mark (U+FEFF, `EF BB BF`), which is
///   dropped.
/// - Fields are separated by the delimiter (RFC 4180 §2.4: a comma; `;` is
///   what spreadsheets write in locales where the comma is the decimal mark).
/// - Records end at CRLF (§2.1), and also at a bare LF or CR, which files
///   made on Unix and old Macs use; the last record may have no line break
///   (§2.2).
/// - A field in double quotes (§2.5) may hold the delimiter, line breaks and
///   quotes, each quote doubled (§2.7); line breaks inside are kept as
///   written.
/// - Lenient where files in the wild differ and nothing is lost: a quote
///   inside an unquoted field is kept as a character. Text after a field's
///   closing quote marks the record malformed.
public enum CSVParser {
    public static func parse(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) -> CSVDocument {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var problem: String?
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoted = false  // the current field was quoted
        var quoteLine = 1

        func endField() {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                fields.append(String(decoding: field, as: UTF8.self))
                problem = problem ?? "field \(fields.count) is not valid UTF-8"
            }
            field.removeAll(keepingCapacity: true)
            quoted = false
        }

        func endRecord() {
            endField()
            records.append(CSVRecord(fields: fields, line: recordLine, problem: problem))
            fields.removeAll(keepingCapacity: true)
            problem = nil
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)  // §2.7: a doubled quote is one quote
                        index += 2
                    } else {
                        inQuotes = false
                        index += 1
                    }
                    continue
                }
                if byte == lf || (byte == cr && (index + 1 == bytes.count || bytes[index + 1] != lf)) { line += 1 }
                field.append(byte)
                index += 1
                continue
            }
            switch byte {
            case delimiter:
                endField()
                index += 1
            case cr, lf:
                endRecord()
                index += (byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf) ? 2 : 1
                line += 1
                recordLine = line
            case quote where field.isEmpty && !quoted:
                inQuotes = true
                quoted = true
                quoteLine = line
                index += 1
            default:
                if quoted {
                    problem = problem ?? "field \(fields.count + 1) has text after its closing quote"
                }
                field.append(byte)
                index += 1
            }
        }
        if inQuotes {
            endRecord()
            records[records.count - 1].problem = "a quoted field opened on line \(quoteLine) is never closed"
            return CSVDocument(records: records, unterminatedQuoteLine: quoteLine)
        }
        // The last record, unless the file ended with its line break.
        if !field.isEmpty || !fields.isEmpty || quoted { endRecord() }
        return CSVDocument(records: records, unterminatedQuoteLine: nil)
    }
}
