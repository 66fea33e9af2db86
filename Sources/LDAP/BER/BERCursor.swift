/// Walks BER elements in memory that has already been checked (see
/// `EncodedAttributeList.validate`), without allocating: each step returns
/// the tag and the byte range of the content.
struct BERCursor {
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { offset >= end }

    /// The next element, or nil at the end or on malformed input.
    mutating func next() -> (tag: UInt8, content: Range<Int>)? {
        guard offset + 2 <= end else { return nil }
        let tag = bytes[offset]
        let first = bytes[offset + 1]
        var length = Int(first)
        var start = offset + 2
        if first >= 0x80 {
            let octets = Int(first & 0x7F)
            guard octets >= 1, octets <= 4, start + octets <= end else { return nil }
            length = 0
            for index in start..<(start + octets) { length = (length << 8) | Int(bytes[index]) }
            start += octets
        }
        guard length <= end - start else { return nil }
        offset = start + length
        return (tag, start..<(start + length))
    }

    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[range])
    }
}
