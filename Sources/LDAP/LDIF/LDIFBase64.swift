/// The base64 alphabet of RFC 4648 §4 (with `=` padding), which RFC 2849's
/// `BASE64-CHAR` names. Written by hand so the writer's hot path stays free
/// of Foundation and of intermediate strings.
enum LDIFBase64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 0...63 for alphabet bytes, 0xFF for everything else.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        return table
    }()

    static func encodedLength(_ count: Int) -> Int {
        (count + 2) / 3 * 4
    }

    /// Appends the encoding of `input` to `output`, growing it once.
    static func encode(_ input: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) {
        let start = output.count
        let length = encodedLength(input.count)
        output.append(contentsOf: repeatElement(0, count: length))
        alphabet.withUnsafeBufferPointer { alphabet in
            output.withUnsafeMutableBufferPointer { buffer in
                var target = start
                var source = 0
                while source + 3 <= input.count {
                    let bits = UInt32(input[source]) << 16 | UInt32(input[source + 1]) << 8 | UInt32(input[source + 2])
                    buffer[target] = alphabet[Int(bits >> 18)]
                    buffer[target + 1] = alphabet[Int(bits >> 12 & 0x3F)]
                    buffer[target + 2] = alphabet[Int(bits >> 6 & 0x3F)]
                    buffer[target + 3] = alphabet[Int(bits & 0x3F)]
                    source += 3
                    target += 4
                }
                let remaining = input.count - source
                guard remaining > 0 else { return }
                let second = remaining == 2 ? UInt32(input[source + 1]) : 0
                let bits = UInt32(input[source]) << 16 | second << 8
                buffer[target] = alphabet[Int(bits >> 18)]
                buffer[target + 1] = alphabet[Int(bits >> 12 & 0x3F)]
                buffer[target + 2] = remaining == 2 ? alphabet[Int(bits >> 6 & 0x3F)] : UInt8(ascii: "=")
                buffer[target + 3] = UInt8(ascii: "=")
            }
        }
    }

    /// Decodes strictly: length a multiple of 4, padding only at the end, no
    /// stray characters. Returns nil when the text is not base64.
    static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(text.count / 4 * 3)
        var index = text.startIndex
        while index < text.endIndex {
            let isLastQuad = index + 4 == text.endIndex
            let padding = isLastQuad
                ? (text[index + 3] == UInt8(ascii: "=") ? (text[index + 2] == UInt8(ascii: "=") ? 2 : 1) : 0)
                : 0
            var bits: UInt32 = 0
            for offset in 0..<(4 - padding) {
                let value = decodeTable[Int(text[index + offset])]
                guard value != 0xFF else { return nil }
                bits |= UInt32(value) << (18 - 6 * UInt32(offset))
            }
            output.append(UInt8(bits >> 16))
            if padding < 2 { output.append(UInt8(bits >> 8 & 0xFF)) }
            if padding < 1 { output.append(UInt8(bits & 0xFF)) }
            index += 4
        }
        return output
    }
}
