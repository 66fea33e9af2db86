import SyncEngine

/// DN exactly as the server wrote it → anchor, for member resolution: a
/// read indexes every object's DN and looks up every group's member values
/// (hundreds of thousands), which are most often byte-identical to the
/// entries' DNs.
///
/// An open-addressing table of (hash, position) pairs over the DNs in
/// insertion order: a lookup takes the member value's bytes as they lie in
/// the search result, so a member that resolves never becomes a `String`,
/// and a probe compares an inline hash before it ever reads a DN. (As a
/// `[String: Anchor]` this was 7% of a no-change run: a string per member,
/// SipHash over each, and a heap string compared per probe.)
struct DNTextIndex {
    private var texts: [String] = []
    private var anchors: [Anchor] = []
    /// Slots of (hash, position + 1); position 0 marks an empty slot.
    private var slots: [(hash: UInt64, position: Int32)]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: (0, 0), count: size)
        mask = size - 1
    }

    var count: Int { texts.count }

    /// Adds or replaces the anchor of `text`.
    mutating func set(_ text: String, _ anchor: Anchor) {
        var text = text
        let hash = text.withUTF8 { Self.hash(UnsafeRawBufferPointer($0)) }
        if let position = text.withUTF8({ find(UnsafeRawBufferPointer($0), hash: hash) }) {
            anchors[position] = anchor
            return
        }
        if (texts.count + 1) * 2 > slots.count { grow() }
        texts.append(text)
        anchors.append(anchor)
        insert(hash: hash, position: texts.count - 1)
    }

    /// The anchor of the DN spelled exactly as `bytes`.
    func anchor(_ bytes: UnsafeRawBufferPointer) -> Anchor? {
        find(bytes, hash: Self.hash(bytes)).map { anchors[$0] }
    }

    func anchor(_ text: String) -> Anchor? {
        var text = text
        return text.withUTF8 { anchor(UnsafeRawBufferPointer($0)) }
    }

    private func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry.position == 0 { return nil }
            if entry.hash == hash {
                let position = Int(entry.position) - 1
                var candidate = texts[position]
                if candidate.withUTF8({ $0.elementsEqual(bytes) }) { return position }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func insert(hash: UInt64, position: Int) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].position != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash, Int32(position + 1))
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, 0), count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry.position != 0 { insert(hash: entry.hash, position: Int(entry.position) - 1) }
    }

    /// The bytes eight at a time (multiply, rotate), the tail, the length,
    /// then a final mix (MurmurHash3's fmix64) so that the low bits that
    /// pick a slot depend on every byte. Not keyed: the DNs come from the
    /// configured directory, not from a stranger choosing collisions.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(bytes.count) &* multiplier
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
            hash = hash << 29 | hash >> 35
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* multiplier
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }
}
