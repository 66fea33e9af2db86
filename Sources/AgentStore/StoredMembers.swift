import SyncEngine

/// The members written to one group, as one value of
/// `group_members_written.members`: per member, `0x00` and a UUID anchor's
/// 16 bytes (most significant first), or `0x01`, the text's UTF-8 length
/// as 4 bytes (least significant first) and the text.
///
/// One row per group, not one per membership: an initial sync of 372,740
/// memberships inserted as many rows, each with two 36-character keys, and
/// its group windows waited on those inserts; a state load read them all
/// back one by one.
struct StoredMembers {
    var anchors: Set<Anchor>

    init(_ anchors: Set<Anchor>) { self.anchors = anchors }

    /// From what `bytes` wrote; anything else is a damaged state file.
    init(decoding bytes: UnsafeRawBufferPointer) throws {
        anchors = try Self.decode(bytes)
    }

    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(anchors.count * 17)
        for anchor in anchors {
            if let uuid = anchor.uuid {
                bytes.append(0)
                for word in [uuid.high, uuid.low] {
                    for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
                }
            } else {
                let text = Array(anchor.rawValue.utf8)
                bytes.append(1)
                for shift in stride(from: 0, through: 24, by: 8) { bytes.append(UInt8(truncatingIfNeeded: text.count >> shift)) }
                bytes += text
            }
        }
        return bytes
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Set<Anchor> {
        var anchors: Set<Anchor> = []
        var index = 0
        func word(at start: Int) -> UInt64 {
            var value: UInt64 = 0
            for offset in 0..<8 { value = value << 8 | UInt64(bytes[start + offset]) }
            return value
        }
        while index < bytes.count {
            switch bytes[index] {
            case 0 where index + 17 <= bytes.count:
                anchors.insert(Anchor(uuid: (word(at: index + 1), word(at: index + 9))))
                index += 17
            case 1 where index + 5 <= bytes.count:
                var length = 0
                for offset in 0..<4 { length |= Int(bytes[index + 1 + offset]) << (8 * offset) }
                let start = index + 5
                guard start + length <= bytes.count else { throw StoredMembersError(offset: index) }
                anchors.insert(Anchor(utf8: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)])))
                index = start + length
            default:
                throw StoredMembersError(offset: index)
            }
        }
        return anchors
    }
}

/// A group's stored members that `StoredMembers` did not write.
struct StoredMembersError: Error, CustomStringConvertible {
    let offset: Int
    var description: String { "a group's members written are damaged at byte \(offset) of their stored value" }
}
