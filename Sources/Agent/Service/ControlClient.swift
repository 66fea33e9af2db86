import Foundation
import NIOCore
import NIOPosix

/// The commands' side of the control socket (`dsync status`, `dsync stop`,
/// `dsync sync` while the service runs).
public enum ControlClient {
    /// Sends `request` to the service of `dataFolder`; nil when no service
    /// answers there (none running).
    public static func send(_ request: ControlRequest, dataFolder: String) async throws -> ControlAnswer? {
        let path = AgentService.socketPath(dataFolder: dataFolder)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let collector = AnswerCollector()
        let channel: any Channel
        do {
            channel = try await ControlSocketPath.withUsablePath(path) { usable in
                try await ClientBootstrap(group: NIOSingletons.posixEventLoopGroup)
                    .channelInitializer { channel in channel.pipeline.addHandler(collector) }
                    .connect(unixDomainSocketPath: usable)
                    .get()
            }
        } catch {
            return nil  // a socket left by a service that was killed
        }
        var bytes = try JSONEncoder.control.encode(request)
        bytes.append(UInt8(ascii: "\n"))
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
        try await channel.closeFuture.get()
        let line = collector.bytes.prefix { $0 != UInt8(ascii: "\n") }
        guard !line.isEmpty else { throw ControlError.socket(path: path, reason: "the service closed the connection without an answer") }
        return try JSONDecoder.control.decode(ControlAnswer.self, from: Data(line))
    }
}

/// Gathers what the service writes until it closes the connection.
private final class AnswerCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    private(set) var bytes: [UInt8] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
    }
}
