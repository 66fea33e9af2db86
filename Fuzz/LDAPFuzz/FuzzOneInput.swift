import LDAP
import NIOCore

/// What one fuzz input goes through, shared by the libFuzzer entry point
/// (FuzzEntry.swift, built with `-DFUZZING`) and the corpus replayer
/// (Replayer.swift, the normal build).
///
/// Errors are expected and ignored: the only findings are crashes, traps,
/// sanitizer reports, hangs (libFuzzer's `-timeout`) and unbounded memory
/// (`-rss_limit_mb`), plus the checks below (message and filter round trips,
/// attribute lookup, progress), which trap when an invariant breaks.
enum FuzzOneInput {
    /// Filter strings and LDIF get at most this many bytes of the input, so
    /// a long input spends its time in the BER decoder.
    static let textLimit = 4096

    /// What the decoder made of the whole input, for the replayer's output.
    struct Outcome {
        var messages: [LDAPMessage] = []
        var error: (any Error)?
        /// Whether the first bytes parsed as a filter, and how many LDIF records they held.
        var isFilter = false
        var ldifRecords = 0
    }

    @discardableResult
    static func run(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        // 1. The whole input as one read from the server.
        var outcome = decodeStream([ByteBuffer(bytes: bytes)])

        // 2. The same bytes in two reads, split at an offset taken from the
        // input (its last byte), so partial headers and partial messages
        // are seen by the decoder as they are on a slow connection.
        if bytes.count >= 2 {
            let split = Int(bytes[bytes.count - 1]) % bytes.count
            decodeStream([
                ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<split])),
                ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: bytes[split...])),
            ])
        }

        // 3. The first bytes as an RFC 4515 filter string and as LDIF.
        let text = UnsafeRawBufferPointer(rebasing: bytes.prefix(textLimit))
        outcome.isFilter = parseFilter(String(decoding: text, as: UTF8.self))
        outcome.ldifRecords = readLDIF(Array(text))
        return outcome
    }

    // MARK: - The LDAPMessage decoder

    /// Feeds `chunks` to one decoder as ByteToMessageHandler does: after each
    /// read, decode until it returns nil or throws; at the end, decodeLast
    /// with EOF. A throw ends the stream (the connection would be closed).
    @discardableResult
    static func decodeStream(_ chunks: [ByteBuffer]) -> Outcome {
        var outcome = Outcome()
        var decoder = LDAPMessageDecoder()
        var buffer = ByteBuffer()
        for (index, chunk) in chunks.enumerated() {
            var chunk = chunk
            buffer.writeBuffer(&chunk)
            let isLast = index == chunks.count - 1
            do {
                while true {
                    let before = buffer.readerIndex
                    let message = isLast
                        ? try decoder.decodeLast(buffer: &buffer, seenEOF: true)
                        : try decoder.decode(buffer: &buffer)
                    guard let message else { break }
                    // A message that consumed nothing would make the handler loop forever.
                    precondition(buffer.readerIndex > before, "LDAPMessageDecoder returned a message without consuming bytes")
                    inspect(message)
                    outcome.messages.append(message)
                }
            } catch {
                outcome.error = error
                return outcome
            }
        }
        return outcome
    }

    /// What the client does with a decoded message: parse the controls and
    /// intermediate responses it knows. Every parser is tried on every
    /// control value, whatever its OID, to reach more of their code.
    static func inspect(_ message: LDAPMessage) {
        for control in message.controls {
            _ = KnownControls.name(control.oid)
            _ = try? PagedResultsControl(control)
            _ = try? DirSyncResponse(control)
            _ = try? DirSyncControl(request: control)
            _ = try? SyncStateControl(control)
            _ = try? SyncDoneControl(control)
            _ = try? SyncRequestControl(control)
        }
        switch message.operation {
        case .searchResultEntry(let entry):
            inspect(entry)
        case .intermediateResponse(let response):
            _ = try? SyncInfoMessage(response)
            _ = try? SyncInfoMessage(IntermediateResponse(name: SyncInfoMessage.oid, value: response.value))
        case .extendedResponse(let response):
            _ = try? SyncInfoMessage(IntermediateResponse(name: SyncInfoMessage.oid, value: response.value))
        default:
            break
        }
        _ = message.operation.result
        checkRoundTrip(message)
    }

    /// A search result entry keeps its attributes encoded (see
    /// EncodedAttributeList): read them the ways the client does, which walk
    /// the server's bytes in place, and write the entry as LDIF.
    static func inspect(_ entry: LDAPEntry) {
        var total = 0
        entry.forEachValue { type, value in total &+= type.count &+ (value?.count ?? 0) }
        let attributes = entry.attributes
        for attribute in attributes.prefix(8) {
            precondition(entry.attribute(attribute.type) != nil, "attribute(_:) misses \(attribute.type)")
        }
        _ = entry.strings("objectClass")
        var ldif: [UInt8] = []
        LDIFWriter().append(entry, to: &ldif)
    }

    /// decode(encode(m)) == m for every message the decoder produced.
    static func checkRoundTrip(_ message: LDAPMessage) {
        var encoded = ByteBuffer()
        message.write(to: &encoded)
        var decoder = LDAPMessageDecoder()
        let again: LDAPMessage?
        do {
            again = try decoder.decode(buffer: &encoded)
        } catch {
            preconditionFailure("re-encoded message does not decode: \(error)\n\(message)")
        }
        precondition(again == message, "round trip changed the message:\n\(message)\n\(String(describing: again))")
        precondition(encoded.readableBytes == 0, "re-encoded message has trailing bytes")
    }

    // MARK: - Text parsers

    /// RFC 4515 filter; when it parses, its description must parse back to
    /// the same filter (documented in LDAPFilter+Description.swift).
    @discardableResult
    static func parseFilter(_ string: String) -> Bool {
        guard let filter = try? LDAPFilter(parsing: string) else { return false }
        let printed = filter.description
        let again: LDAPFilter
        do {
            again = try LDAPFilter(parsing: printed)
        } catch {
            preconditionFailure("printed filter does not parse: \(error)\n\(printed)")
        }
        precondition(again == filter, "filter round trip changed the filter: \(printed)")
        return true
    }

    /// LDIF: read every record; after a syntax error the reader goes on with
    /// the next record. Each call consumes at least one record (a line), so
    /// more calls than bytes mean the reader stopped making progress.
    @discardableResult
    static func readLDIF(_ bytes: [UInt8]) -> Int {
        let reader = LDIFReader(bytes: bytes)
        // Input from the fuzzer must not make the process open files.
        reader.readsFileURLs = false
        var records = 0
        for _ in 0...(bytes.count + 1) {
            do {
                guard let record = try reader.next() else { return records }
                records += 1
                var output: [UInt8] = []
                LDIFWriter(wrapColumn: records % 3 == 0 ? 0 : 76).append(record, to: &output)
            } catch {
                continue
            }
        }
        preconditionFailure("LDIFReader.next() did not reach the end of \(bytes.count) bytes")
    }
}
