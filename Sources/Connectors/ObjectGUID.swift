/// Active Directory's `objectGUID` (16 bytes, the first three fields
/// little-endian, as Windows stores a GUID) in the canonical form
/// Windows shows (`{…}` without braces, lower case): the anchor of AD objects.
public enum ObjectGUID {
    public static func string(_ bytes: [UInt8]) -> String? {
        guard bytes.count == 16 else { return nil }
        let order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15]
        var text = ""
        for (position, index) in order.enumerated() {
            if position == 4 || position == 6 || position == 8 || position == 10 { text += "-" }
            let byte = bytes[index]
            text += (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
        return text
    }
}
