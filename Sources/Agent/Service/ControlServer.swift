import Foundation
import NIOCore
import NIOPosix

/// The service's control socket: a Unix socket in the data folder, mode
/// 0600 (only the agent's user), one JSON request line per connection,
/// answered with one JSON line (`ControlRequest`, `ControlAnswer`).
final class ControlServer: Sendable {
    private let channel: any Channel
    private let path: String

    private init(channel: any Channel, path: String) {
        self.channel = channel
        self.path = path
    }

    static func start(path: String, handler: @escaping @Sendable (ControlRequest) async -> ControlAnswer) async throws -> ControlServer {
        let channel = try await ControlSocketPath.withUsablePath(path) { usable in
            try await ServerBootstrap(group: NIOSingletons.posixEventLoopGroup)
                .childChannelInitializer { channel in
                    channel.pipeline.addHandler(ControlConnectionHandler(handler: handler))
                }
                .bind(unixDomainSocketPath: usable, cleanupExistingSocketFile: true)
                .get()
        }
        guard chmod(path, 0o600) == 0 else {
            try? await channel.close()
            throw ControlError.socket(path: path, reason: "cannot make it private (chmod 0600): \(String(cString: strerror(errno)))")
        }
        return ControlServer(channel: channel, path: path)
    }

    func close() async {
        try? await channel.close()
        unlink(path)
    }
}

/// Collects one request line, answers it, closes.
private final class ControlConnectionHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let handler: @Sendable (ControlRequest) async -> ControlAnswer
    private var received: [UInt8] = []
    private var answered = false

    init(handler: @escaping @Sendable (ControlRequest) async -> ControlAnswer) {
        self.handler = handler
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard received.count <= 64 << 10 else {
            context.close(promise: nil)
            return
        }
        guard let end = received.firstIndex(of: UInt8(ascii: "\n")) else { return }
        answered = true
        let line = Data(received[..<end])
        let channel = context.channel
        let handler = self.handler
        Task {
            let answer: ControlAnswer
            if let request = try? JSONDecoder.control.decode(ControlRequest.self, from: line) {
                answer = await handler(request)
            } else {
                answer = ControlAnswer(message: "not a control request")
            }
            var bytes = (try? JSONEncoder.control.encode(answer)) ?? Data()
            bytes.append(UInt8(ascii: "\n"))
            try? await channel.writeAndFlush(ByteBuffer(bytes: bytes))
            try? await channel.close()
        }
    }
}

enum ControlError: Error, CustomStringConvertible {
    case socket(path: String, reason: String)
    case notRunning(path: String)

    var description: String {
        switch self {
        case .socket(let path, let reason): "the control socket \(path): \(reason)"
        case .notRunning(let path): "no dsync service is running for this data folder (no answer on \(path)); start one with `dsync run`"
        }
    }
}

extension JSONEncoder {
    static var control: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}

extension JSONDecoder {
    static var control: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
