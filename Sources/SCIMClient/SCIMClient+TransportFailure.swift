import AsyncHTTPClient
import Foundation
import NetworkFailures

extension SCIMClient {
    /// A request that got no answer, said as the situation: the HTTP
    /// client's timeouts and closed connections here, the connection's own
    /// failures (refused, unresolved, certificate) by `NetworkFailure`.
    func describe(transportFailure error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "no connection within the connect timeout (10 s)"
            case .readTimeout: return "no answer within the request timeout (`target.timeout`)"
            case .deadlineExceeded: return "no answer within the request timeout (`target.timeout`)"
            case .remoteConnectionClosed: return "the directory closed the connection before answering"
            default: return "\(error)"
            }
        }
        let url = URLComponents(string: configuration.baseURL)
        let address = url?.host.map { host in "\(host):\(url?.port ?? (url?.scheme == "https" ? 443 : 80))" }
        return NetworkFailure.describe(error, caHint: "give its CA in `target.caFile`", address: address)
    }
}
