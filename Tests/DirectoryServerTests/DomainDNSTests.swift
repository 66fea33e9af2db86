import DirectoryServer
import Foundation
import NIOCore
import NIOPosix
import Testing

/// A DNS server on loopback that answers TXT questions from a table, built
/// by hand from RFC 1035 §4.1 so the resolver is tested against bytes it
/// did not write.
final class FakeDNSServer: @unchecked Sendable {
    let records: [String: [[String]]]
    /// Answer with the TC bit set (an answer too large for UDP).
    let truncate: Bool
    private(set) var channel: (any Channel)?

    init(records: [String: [[String]]], truncate: Bool = false) {
        self.records = records
        self.truncate = truncate
    }

    func start() async throws -> SocketAddress {
        let records = self.records, truncate = self.truncate
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Handler(records: records, truncate: truncate)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.channel = channel
        return channel.localAddress!
    }

    func stop() async {
        try? await channel?.close()
    }

    final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        typealias OutboundOut = AddressedEnvelope<ByteBuffer>
        let records: [String: [[String]]]
        let truncate: Bool

        init(records: [String: [[String]]], truncate: Bool) {
            self.records = records
            self.truncate = truncate
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let envelope = unwrapInboundIn(data)
            let query = Array(envelope.data.readableBytesView)
            // The question: labels from byte 12 to the zero byte, then type and class.
            var index = 12, labels: [String] = []
            while query[index] != 0 {
                let length = Int(query[index])
                labels.append(String(decoding: query[(index + 1)...(index + length)], as: UTF8.self))
                index += length + 1
            }
            let questionEnd = index + 5
            let name = labels.joined(separator: ".").lowercased()
            let answers = records[name] ?? []
            var response = Array(query[0..<2])
            let rcode: UInt8 = records[name] == nil ? 3 : 0
            response += [truncate ? 0x86 : 0x84, 0x80 | rcode, 0, 1, 0, UInt8(answers.count), 0, 0, 0, 0]
            response += query[12..<questionEnd]
            for strings in answers {
                let data = strings.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
                response += [0xC0, 0x0C, 0, 16, 0, 1, 0, 0, 0x0E, 0x10, UInt8(data.count >> 8), UInt8(data.count & 0xFF)] + data
            }
            context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: ByteBuffer(bytes: response))), promise: nil)
        }
    }
}

@Suite("Domain verification by DNS", .serialized)
struct DomainDNSTests {
    @Test("a TXT record with the token verifies the domain; another value, none, or a dead server does not, saying why")
    func verifyByDNS() async throws {
        let fixture = try await Fixture.make()
        let service = DomainService(store: fixture.store, organizationID: fixture.organization.id)
        let domain = try await service.add("Example.ORG")
        let wrong = FakeDNSServer(records: [domain.txtRecordName: [["v=spf1 -all"], ["directoryd-verification=", "0000"]]])
        let resolver = DNSResolver(server: try await wrong.start(), timeout: .seconds(10))
        let refused = await #expect(throws: DirectoryError.self) { try await service.verifyByDNS("example.org", resolver: resolver) }
        #expect(refused?.description.contains("\"v=spf1 -all\"") == true)
        #expect(refused?.description.contains("directoryd-verification=0000") == true)
        await wrong.stop()

        let empty = FakeDNSServer(records: [:])
        let nothing = await #expect(throws: DirectoryError.self) {
            try await service.verifyByDNS("example.org", resolver: DNSResolver(server: try await empty.start(), timeout: .seconds(10)))
        }
        #expect(nothing?.description.contains("there is no TXT record") == true)
        await empty.stop()

        // The token split over two character-strings still counts (they are concatenated).
        let value = domain.txtRecordValue
        let split = value.index(value.startIndex, offsetBy: 10)
        let right = FakeDNSServer(records: [domain.txtRecordName: [["unrelated"], [String(value[..<split]), String(value[split...])]]])
        try await service.verifyByDNS("example.org.", resolver: DNSResolver(server: try await right.start(), timeout: .seconds(10)))
        await right.stop()
        #expect(try await fixture.store.domains(organizationID: fixture.organization.id).first?.isVerified == true)
    }

    @Test("a server that does not answer, or answers truncated, is an error, not a verification")
    func failures() async throws {
        let fixture = try await Fixture.make()
        let service = DomainService(store: fixture.store, organizationID: fixture.organization.id)
        let domain = try await service.add("example.net")
        let silent = try DNSResolver.parse("127.0.0.1:9")
        let unanswered = await #expect(throws: DirectoryError.self) {
            try await service.verifyByDNS("example.net", resolver: DNSResolver(server: silent.server, timeout: .milliseconds(300)))
        }
        #expect(unanswered?.description.contains("did not answer") == true || unanswered?.description.contains("failed") == true)
        let truncating = FakeDNSServer(records: [domain.txtRecordName: [[domain.txtRecordValue]]], truncate: true)
        let truncated = await #expect(throws: DirectoryError.self) {
            try await service.verifyByDNS("example.net", resolver: DNSResolver(server: try await truncating.start(), timeout: .seconds(10)))
        }
        #expect(truncated?.description.contains("truncated") == true)
        await truncating.stop()
        #expect(try await fixture.store.domains(organizationID: fixture.organization.id).first?.isVerified == false)
    }
}
