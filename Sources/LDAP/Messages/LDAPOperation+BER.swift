import NIOCore

/// The [APPLICATION n] tags of RFC 4511 §4.2–4.14 and the dispatch between
/// them and `LDAPOperation`'s cases.
extension LDAPOperation {
    enum Tag {
        static let bindRequest = BERTag.application(0, constructed: true)
        static let bindResponse = BERTag.application(1, constructed: true)
        static let unbindRequest = BERTag.application(2, constructed: false)
        static let searchRequest = BERTag.application(3, constructed: true)
        static let searchResultEntry = BERTag.application(4, constructed: true)
        static let searchResultDone = BERTag.application(5, constructed: true)
        static let modifyRequest = BERTag.application(6, constructed: true)
        static let modifyResponse = BERTag.application(7, constructed: true)
        static let addRequest = BERTag.application(8, constructed: true)
        static let addResponse = BERTag.application(9, constructed: true)
        static let deleteRequest = BERTag.application(10, constructed: false)
        static let deleteResponse = BERTag.application(11, constructed: true)
        static let modifyDNRequest = BERTag.application(12, constructed: true)
        static let modifyDNResponse = BERTag.application(13, constructed: true)
        static let compareRequest = BERTag.application(14, constructed: true)
        static let compareResponse = BERTag.application(15, constructed: true)
        static let abandonRequest = BERTag.application(16, constructed: false)
        static let searchResultReference = BERTag.application(19, constructed: true)
        static let extendedRequest = BERTag.application(23, constructed: true)
        static let extendedResponse = BERTag.application(24, constructed: true)
        static let intermediateResponse = BERTag.application(25, constructed: true)
        /// RFC 4511 §4.7 BindResponse: `serverSaslCreds [7] OCTET STRING OPTIONAL`.
        static let serverSASLCredentials = BERTag.context(7)
    }

    static func read(tag: BERTag, content: ByteBuffer) throws(BERError) -> LDAPOperation {
        var reader = BERReader(content, context: "protocolOp")
        let operation: LDAPOperation
        switch tag {
        case Tag.searchResultEntry:
            reader = BERReader(content, context: "SearchResultEntry")
            operation = .searchResultEntry(try LDAPEntry.read(from: &reader))
        case Tag.searchResultDone:
            operation = .searchResultDone(try LDAPResult.read(from: &reader))
        case Tag.searchResultReference:
            var uris: [String] = []
            while !reader.isAtEnd { uris.append(try reader.readString()) }
            operation = .searchResultReference(uris)
        case Tag.intermediateResponse:
            operation = .intermediateResponse(try IntermediateResponse.read(from: &reader))
        case Tag.bindResponse:
            let result = try LDAPResult.read(from: &reader)
            let credentials = try reader.readOptionalElement(Tag.serverSASLCredentials).map { Array($0.readableBytesView) }
            operation = .bindResponse(result, serverSASLCredentials: credentials)
        case Tag.modifyResponse:
            operation = .modifyResponse(try LDAPResult.read(from: &reader))
        case Tag.addResponse:
            operation = .addResponse(try LDAPResult.read(from: &reader))
        case Tag.deleteResponse:
            operation = .deleteResponse(try LDAPResult.read(from: &reader))
        case Tag.modifyDNResponse:
            operation = .modifyDNResponse(try LDAPResult.read(from: &reader))
        case Tag.compareResponse:
            operation = .compareResponse(try LDAPResult.read(from: &reader))
        case Tag.extendedResponse:
            operation = .extendedResponse(try ExtendedResponse.read(from: &reader))
        case Tag.bindRequest:
            operation = .bindRequest(try BindRequest.read(from: &reader))
        case Tag.unbindRequest:
            return .unbindRequest
        case Tag.searchRequest:
            operation = .searchRequest(try SearchRequest.read(from: &reader))
        case Tag.modifyRequest:
            let dn = try reader.readString()
            operation = .modifyRequest(dn: dn, changes: try LDAPModification.readList(from: &reader))
        case Tag.addRequest:
            operation = .addRequest(try LDAPEntry.read(from: &reader))
        case Tag.deleteRequest:
            return .deleteRequest(dn: try BERReader.string(from: content, context: "DelRequest"))
        case Tag.modifyDNRequest:
            operation = .modifyDNRequest(try ModifyDNRequest.read(from: &reader))
        case Tag.compareRequest:
            let dn = try reader.readString()
            var ava = try reader.readConstructed(.sequence, context: "CompareRequest.ava")
            let attribute = try ava.readString()
            let value = try ava.readOctetString()
            operation = .compareRequest(dn: dn, attribute: attribute, value: value)
        case Tag.abandonRequest:
            let id = try BERReader.integer(from: content, context: "AbandonRequest")
            guard id >= 0, id <= Int(Int32.max) else { throw BERError(.badInteger, context: "AbandonRequest") }
            return .abandonRequest(messageID: Int32(id))
        case Tag.extendedRequest:
            operation = .extendedRequest(try ExtendedRequest.read(from: &reader))
        default:
            throw BERError(.unexpectedTag(expected: Tag.searchResultEntry, found: tag), context: "protocolOp")
        }
        try reader.expectEnd()
        return operation
    }

    func write(to writer: inout BERWriter) {
        switch self {
        case .bindRequest(let request):
            writer.writeConstructed(Tag.bindRequest) { request.write(to: &$0) }
        case .bindResponse(let result, let credentials):
            writer.writeConstructed(Tag.bindResponse) { w in
                result.write(to: &w)
                if let credentials { w.writeOctetString(credentials, tag: Tag.serverSASLCredentials) }
            }
        case .unbindRequest:
            writer.writeNull(tag: Tag.unbindRequest)
        case .searchRequest(let request):
            writer.writeConstructed(Tag.searchRequest) { request.write(to: &$0) }
        case .searchResultEntry(let entry):
            writer.writeConstructed(Tag.searchResultEntry) { entry.write(to: &$0) }
        case .searchResultDone(let result):
            writer.writeConstructed(Tag.searchResultDone) { result.write(to: &$0) }
        case .searchResultReference(let uris):
            writer.writeConstructed(Tag.searchResultReference) { w in uris.forEach { w.writeString($0) } }
        case .modifyRequest(let dn, let changes):
            writer.writeConstructed(Tag.modifyRequest) { w in
                w.writeString(dn)
                LDAPModification.writeList(changes, to: &w)
            }
        case .modifyResponse(let result):
            writer.writeConstructed(Tag.modifyResponse) { result.write(to: &$0) }
        case .addRequest(let entry):
            writer.writeConstructed(Tag.addRequest) { entry.write(to: &$0) }
        case .addResponse(let result):
            writer.writeConstructed(Tag.addResponse) { result.write(to: &$0) }
        case .deleteRequest(let dn):
            writer.writeString(dn, tag: Tag.deleteRequest)
        case .deleteResponse(let result):
            writer.writeConstructed(Tag.deleteResponse) { result.write(to: &$0) }
        case .modifyDNRequest(let request):
            writer.writeConstructed(Tag.modifyDNRequest) { request.write(to: &$0) }
        case .modifyDNResponse(let result):
            writer.writeConstructed(Tag.modifyDNResponse) { result.write(to: &$0) }
        case .compareRequest(let dn, let attribute, let value):
            writer.writeConstructed(Tag.compareRequest) { w in
                w.writeString(dn)
                w.writeSequence { ava in
                    ava.writeString(attribute)
                    ava.writeOctetString(value)
                }
            }
        case .compareResponse(let result):
            writer.writeConstructed(Tag.compareResponse) { result.write(to: &$0) }
        case .abandonRequest(let id):
            writer.writeInteger(Int(id), tag: Tag.abandonRequest)
        case .extendedRequest(let request):
            writer.writeConstructed(Tag.extendedRequest) { request.write(to: &$0) }
        case .extendedResponse(let response):
            writer.writeConstructed(Tag.extendedResponse) { response.write(to: &$0) }
        case .intermediateResponse(let response):
            writer.writeConstructed(Tag.intermediateResponse) { response.write(to: &$0) }
        }
    }
}
