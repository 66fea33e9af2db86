import NIOCore

/// RFC 4533 §2.5 Sync Info Message, sent as an IntermediateResponse whose
/// responseName is 1.3.6.1.4.1.4203.1.9.1.4:
///
///     syncInfoValue ::= CHOICE {
///         newcookie      [0] syncCookie,
///         refreshDelete  [1] SEQUENCE { cookie OPTIONAL, refreshDone BOOLEAN DEFAULT TRUE },
///         refreshPresent [2] SEQUENCE { cookie OPTIONAL, refreshDone BOOLEAN DEFAULT TRUE },
///         syncIdSet      [3] SEQUENCE { cookie OPTIONAL, refreshDeletes BOOLEAN DEFAULT FALSE,
///                                       syncUUIDs SET OF syncUUID } }
public enum SyncInfoMessage: Sendable, Hashable {
    public static let oid = "1.3.6.1.4.1.4203.1.9.1.4"

    case newCookie([UInt8])
    case refreshDelete(cookie: [UInt8]?, refreshDone: Bool)
    case refreshPresent(cookie: [UInt8]?, refreshDone: Bool)
    case syncIdSet(cookie: [UInt8]?, refreshDeletes: Bool, uuids: [[UInt8]])

    private enum Tag {
        static let newCookie = BERTag.context(0)
        static let refreshDelete = BERTag.context(1, constructed: true)
        static let refreshPresent = BERTag.context(2, constructed: true)
        static let syncIdSet = BERTag.context(3, constructed: true)
    }

    /// The cookie the message carries, if any.
    public var cookie: [UInt8]? {
        switch self {
        case .newCookie(let cookie): cookie
        case .refreshDelete(let cookie, _), .refreshPresent(let cookie, _), .syncIdSet(let cookie, _, _): cookie
        }
    }

    public init(_ response: IntermediateResponse) throws(BERError) {
        guard response.name == Self.oid, let value = response.value else {
            throw BERError(.truncated, context: "syncInfo intermediate response")
        }
        var outer = BERReader(ByteBuffer(bytes: value), context: "syncInfoValue")
        let (tag, content) = try outer.readElement()
        try outer.expectEnd()
        var reader = BERReader(content, context: "syncInfoValue")
        switch tag {
        case Tag.newCookie:
            self = .newCookie(Array(content.readableBytesView))
        case Tag.refreshDelete, Tag.refreshPresent:
            let cookie = reader.peekTag() == .octetString ? try reader.readOctetString() : nil
            let done = reader.peekTag() == .boolean ? try reader.readBoolean() : true
            self = tag == Tag.refreshDelete ? .refreshDelete(cookie: cookie, refreshDone: done) : .refreshPresent(cookie: cookie, refreshDone: done)
        case Tag.syncIdSet:
            let cookie = reader.peekTag() == .octetString ? try reader.readOctetString() : nil
            let deletes = reader.peekTag() == .boolean ? try reader.readBoolean() : false
            var set = try reader.readConstructed(.set, context: "syncIdSet.syncUUIDs")
            var uuids: [[UInt8]] = []
            while !set.isAtEnd { uuids.append(try set.readOctetString()) }
            self = .syncIdSet(cookie: cookie, refreshDeletes: deletes, uuids: uuids)
        default:
            throw BERError(.unexpectedTag(expected: Tag.newCookie, found: tag), context: "syncInfoValue")
        }
    }

    public func intermediateResponse() -> IntermediateResponse {
        let value = ControlValue.encode { w in
            switch self {
            case .newCookie(let cookie):
                w.writeOctetString(cookie, tag: Tag.newCookie)
            case .refreshDelete(let cookie, let done), .refreshPresent(let cookie, let done):
                let tag = if case .refreshDelete = self { Tag.refreshDelete } else { Tag.refreshPresent }
                w.writeConstructed(tag) { s in
                    if let cookie { s.writeOctetString(cookie) }
                    if !done { s.writeBoolean(false) }
                }
            case .syncIdSet(let cookie, let deletes, let uuids):
                w.writeConstructed(Tag.syncIdSet) { s in
                    if let cookie { s.writeOctetString(cookie) }
                    if deletes { s.writeBoolean(true) }
                    s.writeConstructed(.set) { set in uuids.forEach { set.writeOctetString($0) } }
                }
            }
        }
        return IntermediateResponse(name: Self.oid, value: value)
    }
}
