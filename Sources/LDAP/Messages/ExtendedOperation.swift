import NIOCore

/// RFC 4511 §4.12 ExtendedRequest.
public struct ExtendedRequest: Sendable, Hashable {
    public var name: String
    public var value: [UInt8]?

    public init(name: String, value: [UInt8]? = nil) {
        self.name = name
        self.value = value
    }

    /// RFC 4511 §4.14.1 StartTLS.
    public static let startTLSOID = "1.3.6.1.4.1.1466.20037"
    /// RFC 4532 "Who am I?".
    public static let whoAmIOID = "1.3.6.1.4.1.4203.1.11.3"

    static let nameTag = BERTag.context(0)
    static let valueTag = BERTag.context(1)
}

/// RFC 4511 §4.12 ExtendedResponse.
public struct ExtendedResponse: Sendable, Hashable {
    public var result: LDAPResult
    public var name: String?
    public var value: [UInt8]?

    public init(result: LDAPResult, name: String? = nil, value: [UInt8]? = nil) {
        self.result = result
        self.name = name
        self.value = value
    }

    static let nameTag = BERTag.context(10)
    static let valueTag = BERTag.context(11)
}

/// RFC 4511 §4.13 IntermediateResponse, e.g. RFC 4533's syncInfo.
public struct IntermediateResponse: Sendable, Hashable {
    public var name: String?
    public var value: [UInt8]?

    public init(name: String?, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    static let nameTag = BERTag.context(0)
    static let valueTag = BERTag.context(1)
}

extension ExtendedRequest {
    static func read(from reader: inout BERReader) throws(BERError) -> ExtendedRequest {
        let name = try reader.readString(tag: nameTag)
        let value = try reader.readOptionalElement(valueTag).map { Array($0.readableBytesView) }
        return ExtendedRequest(name: name, value: value)
    }

    func write(to writer: inout BERWriter) {
        writer.writeString(name, tag: ExtendedRequest.nameTag)
        if let value { writer.writeOctetString(value, tag: ExtendedRequest.valueTag) }
    }
}

extension ExtendedResponse {
    static func read(from reader: inout BERReader) throws(BERError) -> ExtendedResponse {
        let result = try LDAPResult.read(from: &reader)
        let name = try reader.readOptionalElement(nameTag)
            .map { c throws(BERError) in try BERReader.string(from: c, context: "ExtendedResponse.responseName") }
        let value = try reader.readOptionalElement(valueTag).map { Array($0.readableBytesView) }
        return ExtendedResponse(result: result, name: name, value: value)
    }

    func write(to writer: inout BERWriter) {
        result.write(to: &writer)
        if let name { writer.writeString(name, tag: ExtendedResponse.nameTag) }
        if let value { writer.writeOctetString(value, tag: ExtendedResponse.valueTag) }
    }
}

extension IntermediateResponse {
    static func read(from reader: inout BERReader) throws(BERError) -> IntermediateResponse {
        let name = try reader.readOptionalElement(nameTag)
            .map { c throws(BERError) in try BERReader.string(from: c, context: "IntermediateResponse.responseName") }
        let value = try reader.readOptionalElement(valueTag).map { Array($0.readableBytesView) }
        return IntermediateResponse(name: name, value: value)
    }

    func write(to writer: inout BERWriter) {
        if let name { writer.writeString(name, tag: IntermediateResponse.nameTag) }
        if let value { writer.writeOctetString(value, tag: IntermediateResponse.valueTag) }
    }
}
