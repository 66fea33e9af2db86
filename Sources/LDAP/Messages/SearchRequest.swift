import NIOCore

/// RFC 4511 §4.5.1 SearchRequest.
public struct SearchRequest: Sendable, Hashable {
    public enum Scope: Int, Sendable, Hashable, CaseIterable {
        case baseObject = 0
        case singleLevel = 1
        case wholeSubtree = 2
    }

    public enum DerefAliases: Int, Sendable, Hashable {
        case never = 0
        case inSearching = 1
        case findingBaseObject = 2
        case always = 3
    }

    public var baseObject: String
    public var scope: Scope
    public var derefAliases: DerefAliases
    /// 0 means no client-requested limit; the server's own still applies.
    public var sizeLimit: Int
    /// Seconds; 0 means no client-requested limit.
    public var timeLimit: Int
    public var typesOnly: Bool
    public var filter: LDAPFilter
    /// Empty asks for all user attributes (RFC 4511 §4.5.1.8).
    public var attributes: [String]

    public init(
        baseObject: String,
        scope: Scope = .wholeSubtree,
        derefAliases: DerefAliases = .never,
        sizeLimit: Int = 0,
        timeLimit: Int = 0,
        typesOnly: Bool = false,
        filter: LDAPFilter = .everything,
        attributes: [String] = []
    ) {
        self.baseObject = baseObject
        self.scope = scope
        self.derefAliases = derefAliases
        self.sizeLimit = sizeLimit
        self.timeLimit = timeLimit
        self.typesOnly = typesOnly
        self.filter = filter
        self.attributes = attributes
    }
}

extension SearchRequest {
    static func read(from reader: inout BERReader) throws(BERError) -> SearchRequest {
        let base = try reader.readString()
        let scopeValue = try reader.readEnumerated()
        let derefValue = try reader.readEnumerated()
        guard let scope = Scope(rawValue: scopeValue), let deref = DerefAliases(rawValue: derefValue) else {
            throw BERError(.badInteger, context: "SearchRequest.scope")
        }
        let sizeLimit = try reader.readInteger()
        let timeLimit = try reader.readInteger()
        let typesOnly = try reader.readBoolean()
        let filter = try LDAPFilter.read(from: &reader)
        var list = try reader.readConstructed(.sequence, context: "SearchRequest.attributes")
        var attributes: [String] = []
        while !list.isAtEnd { attributes.append(try list.readString()) }
        return SearchRequest(
            baseObject: base, scope: scope, derefAliases: deref, sizeLimit: sizeLimit,
            timeLimit: timeLimit, typesOnly: typesOnly, filter: filter, attributes: attributes
        )
    }

    func write(to writer: inout BERWriter) {
        writer.writeString(baseObject)
        writer.writeEnumerated(scope.rawValue)
        writer.writeEnumerated(derefAliases.rawValue)
        writer.writeInteger(sizeLimit)
        writer.writeInteger(timeLimit)
        writer.writeBoolean(typesOnly)
        filter.write(to: &writer)
        writer.writeSequence { w in
            for attribute in attributes { w.writeString(attribute) }
        }
    }
}
