import Foundation
public import NIOCore
import NIOPosix

/// Asks one DNS server for TXT records over UDP (RFC 1035 §4.2.1), with a
/// timeout and one retry. The server is the first `nameserver` of
/// /etc/resolv.conf unless one is given.
public struct DNSResolver: Sendable {
    public var server: SocketAddress
    public var timeout: TimeAmount

    public init(server: SocketAddress, timeout: TimeAmount = .seconds(3)) {
        self.server = server
        self.timeout = timeout
    }

    /// The system's resolver, or nil when /etc/resolv.conf names none.
    public static func system(resolvConf: String = "/etc/resolv.conf") -> DNSResolver? {
        guard let text = try? String(contentsOfFile: resolvConf, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.count >= 2, fields[0] == "nameserver", let address = try? SocketAddress(ipAddress: String(fields[1]), port: 53) {
                return DNSResolver(server: address)
            }
        }
        return nil
    }

    /// `HOST:PORT` (or a bare address, port 53), as `--dns-server` takes it.
    public static func parse(_ text: String) throws -> DNSResolver {
        var host = text, port = 53
        if let colon = text.lastIndex(of: ":"), let number = Int(text[text.index(after: colon)...]), !text.hasSuffix("]") {
            host = String(text[..<colon])
            port = number
        }
        host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        do {
            return DNSResolver(server: try SocketAddress(ipAddress: host, port: port))
        } catch {
            throw DirectoryError.invalidArgument("--dns-server must be an IP address with an optional port, e.g. 127.0.0.1:53, not \(text)")
        }
    }

    public func txtRecords(_ name: String) async throws -> [String] {
        var lastError: any Error = DNSMessage.Failure.malformed("no answer")
        for _ in 0..<2 {
            let id = UInt16.random(in: .min ... .max)
            let query = try DNSMessage.query(id: id, name: name)
            do {
                let answer = try await exchange(query)
                return try DNSMessage.txtRecords(in: answer, id: id)
            } catch let error as DNSMessage.Failure where error != .mismatchedID {
                throw error
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private func exchange(_ query: [UInt8]) async throws -> [UInt8] {
        let local = server.protocol == .inet6 ? "::" : "0.0.0.0"
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: local, port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(AddressedEnvelope(remoteAddress: server, data: ByteBuffer(bytes: query)))
            return try await withThrowingTaskGroup(of: [UInt8].self) { group in
                group.addTask {
                    for try await envelope in inbound where envelope.remoteAddress == server {
                        return Array(envelope.data.readableBytesView)
                    }
                    throw DNSMessage.Failure.malformed("no answer")
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(timeout.nanoseconds))
                    throw DirectoryError.unavailable("the DNS server \(server) did not answer within \(timeout.nanoseconds / 1_000_000_000) s")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        }
    }
}
