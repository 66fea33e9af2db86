/// Just enough of the DNS message format (RFC 1035 §4.1) to ask for TXT
/// records and read the answer: a query with one question, and the TXT
/// answers of a response, following name compression (§4.1.4).
enum DNSMessage {
    static let typeTXT: UInt16 = 16
    static let typeCNAME: UInt16 = 5
    static let classIN: UInt16 = 1

    enum Failure: Error, Equatable, CustomStringConvertible {
        case badName(String)
        case malformed(String)
        /// RCODE 3 (§4.1.1): the name does not exist.
        case nameError
        /// Another non-zero RCODE.
        case serverFailure(code: UInt8)
        /// TC set: the answer did not fit in a datagram.
        case truncated
        case mismatchedID

        var description: String {
            switch self {
            case .badName(let name): "\"\(name)\" is not a DNS name"
            case .malformed(let detail): "a malformed DNS answer (\(detail))"
            case .nameError: "the name does not exist (NXDOMAIN)"
            case .serverFailure(let code): "the DNS server answered with error \(code)"
            case .truncated: "the DNS answer was truncated"
            case .mismatchedID: "the DNS answer was for another query"
            }
        }
    }

    /// A query for the TXT records of `name`, recursion desired (§4.1.1).
    static func query(id: UInt16, name: String) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        for label in name.split(separator: ".") {
            let utf8 = Array(label.utf8)
            guard !utf8.isEmpty, utf8.count <= 63 else { throw .badName(name) }
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        bytes.append(0)
        bytes += [UInt8(typeTXT >> 8), UInt8(typeTXT & 0xFF), UInt8(classIN >> 8), UInt8(classIN & 0xFF)]
        return bytes
    }

    /// The TXT records of a response to query `id`, each the concatenation
    /// of its character-strings (RFC 7208 §3.3 reads them the same way).
    static func txtRecords(in bytes: [UInt8], id: UInt16) throws(Failure) -> [String] {
        var reader = Reader(bytes: bytes)
        guard try reader.u16() == id else { throw .mismatchedID }
        let flags = try reader.u16()
        guard flags & 0x8000 != 0 else { throw .malformed("not a response") }
        if flags & 0x0200 != 0 { throw .truncated }
        let rcode = UInt8(flags & 0x000F)
        if rcode == 3 { throw .nameError }
        if rcode != 0 { throw .serverFailure(code: rcode) }
        let questions = try reader.u16(), answers = try reader.u16()
        _ = try reader.u16()
        _ = try reader.u16()
        for _ in 0..<questions {
            try reader.skipName()
            _ = try reader.u16()
            _ = try reader.u16()
        }
        var records: [String] = []
        for _ in 0..<answers {
            try reader.skipName()
            let type = try reader.u16()
            _ = try reader.u16()
            _ = try reader.u32()
            let length = Int(try reader.u16())
            let data = Array(try reader.take(length))
            guard type == typeTXT else { continue }
            var text: [UInt8] = []
            var index = 0
            while index < data.count {
                let count = Int(data[index])
                guard index + 1 + count <= data.count else { throw .malformed("a TXT string runs past its record") }
                text += data[(index + 1)..<(index + 1 + count)]
                index += 1 + count
            }
            records.append(String(decoding: text, as: UTF8.self))
        }
        return records
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func take(_ count: Int) throws(Failure) -> ArraySlice<UInt8> {
            guard count >= 0, offset + count <= bytes.count else { throw .malformed("it ends early") }
            defer { offset += count }
            return bytes[offset..<(offset + count)]
        }

        mutating func u16() throws(Failure) -> UInt16 {
            let part = try take(2)
            return UInt16(part[part.startIndex]) << 8 | UInt16(part[part.startIndex + 1])
        }

        mutating func u32() throws(Failure) -> UInt32 {
            UInt32(try u16()) << 16 | UInt32(try u16())
        }

        /// Skips a name: labels up to a zero byte, or a compression pointer
        /// (two bytes starting 0b11), which ends the name where it stands.
        mutating func skipName() throws(Failure) {
            while true {
                let length = try take(1).first!
                if length == 0 { return }
                if length & 0xC0 == 0xC0 {
                    _ = try take(1)
                    return
                }
                guard length & 0xC0 == 0 else { throw .malformed("an unknown label type") }
                _ = try take(Int(length))
            }
        }
    }
}
