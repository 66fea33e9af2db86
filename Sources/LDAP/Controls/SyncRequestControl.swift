/// RFC 4533 §2.2 Sync Request Control:
/// `syncRequestValue ::= SEQUENCE { mode ENUMERATED { refreshOnly (1),
/// refreshAndPersist (3) }, cookie syncCookie OPTIONAL, reloadHint BOOLEAN
/// DEFAULT FALSE }`.
public struct SyncRequestControl: Sendable, Hashable {
    public static let oid = "1.3.6.1.4.1.4203.1.9.1.1"

    public enum Mode: Int, Sendable, Hashable {
        case refreshOnly = 1
        case refreshAndPersist = 3
    }

    public var mode: Mode
    public var cookie: [UInt8]?
    public var reloadHint: Bool

    public init(mode: Mode = .refreshOnly, cookie: [UInt8]? = nil, reloadHint: Bool = false) {
        self.mode = mode
        self.cookie = cookie
        self.reloadHint = reloadHint
    }

    public func control(criticality: Bool = true) -> LDAPControl {
        LDAPControl(oid: Self.oid, criticality: criticality, value: ControlValue.encode { w in
            w.writeSequence { s in
                s.writeEnumerated(mode.rawValue)
                if let cookie { s.writeOctetString(cookie) }
                if reloadHint { s.writeBoolean(true) }
            }
        })
    }

    public init(_ control: LDAPControl) throws(BERError) {
        var reader = try ControlValue.sequenceReader(control, name: "SyncRequest")
        guard let mode = Mode(rawValue: try reader.readEnumerated()) else {
            throw BERError(.badInteger, context: "SyncRequest.mode")
        }
        self.mode = mode
        cookie = reader.peekTag() == .octetString ? try reader.readOctetString() : nil
        reloadHint = reader.peekTag() == .boolean ? try reader.readBoolean() : false
    }
}

/// RFC 4533 §2.3 Sync State Control, attached to each entry of a sync:
/// `SEQUENCE { state ENUMERATED { present (0), add (1), modify (2),
/// delete (3) }, entryUUID syncUUID, cookie syncCookie OPTIONAL }`.
public struct SyncStateControl: Sendable, Hashable {
    public static let oid = "1.3.6.1.4.1.4203.1.9.1.2"

    public enum State: Int, Sendable, Hashable {
        case present = 0
        case add = 1
        case modify = 2
        case delete = 3
    }

    public var state: State
    /// The entry's entryUUID, 16 octets.
    public var entryUUID: [UInt8]
    public var cookie: [UInt8]?

    public init(state: State, entryUUID: [UInt8], cookie: [UInt8]? = nil) {
        self.state = state
        self.entryUUID = entryUUID
        self.cookie = cookie
    }

    public init(_ control: LDAPControl) throws(BERError) {
        var reader = try ControlValue.sequenceReader(control, name: "SyncState")
        guard let state = State(rawValue: try reader.readEnumerated()) else {
            throw BERError(.badInteger, context: "SyncState.state")
        }
        self.state = state
        entryUUID = try reader.readOctetString()
        cookie = reader.isAtEnd ? nil : try reader.readOctetString()
    }

    public func control() -> LDAPControl {
        LDAPControl(oid: Self.oid, value: ControlValue.encode { w in
            w.writeSequence { s in
                s.writeEnumerated(state.rawValue)
                s.writeOctetString(entryUUID)
                if let cookie { s.writeOctetString(cookie) }
            }
        })
    }
}

/// RFC 4533 §2.4 Sync Done Control, on the SearchResultDone of a refresh:
/// `SEQUENCE { cookie syncCookie OPTIONAL, refreshDeletes BOOLEAN DEFAULT FALSE }`.
public struct SyncDoneControl: Sendable, Hashable {
    public static let oid = "1.3.6.1.4.1.4203.1.9.1.3"

    public var cookie: [UInt8]?
    /// True when entries missing from the refresh were sent as deletes
    /// (delete phase); false when "present" entries were listed instead.
    public var refreshDeletes: Bool

    public init(cookie: [UInt8]?, refreshDeletes: Bool = false) {
        self.cookie = cookie
        self.refreshDeletes = refreshDeletes
    }

    public init(_ control: LDAPControl) throws(BERError) {
        var reader = try ControlValue.sequenceReader(control, name: "SyncDone")
        cookie = reader.peekTag() == .octetString ? try reader.readOctetString() : nil
        refreshDeletes = reader.peekTag() == .boolean ? try reader.readBoolean() : false
    }

    public func control() -> LDAPControl {
        LDAPControl(oid: Self.oid, value: ControlValue.encode { w in
            w.writeSequence { s in
                if let cookie { s.writeOctetString(cookie) }
                if refreshDeletes { s.writeBoolean(true) }
            }
        })
    }
}
