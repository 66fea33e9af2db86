import Foundation
import Hummingbird
import NIOCore
import SCIM

/// Building SCIM responses and reading SCIM request bodies (RFC 7644 §3.1,
/// §3.12).
enum SCIMHTTP {
    static let contentType = "application/scim+json"

    static func response(_ json: JSON, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        response(serialized: json.serialized(), status: status, headers: extra)
    }

    /// A response whose JSON body is already serialized.
    static func response(serialized body: [UInt8], status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func error(_ error: SCIMError, headers: HTTPFields = [:]) -> Response {
        response(error.json, status: HTTPResponse.Status(code: error.status), headers: headers)
    }

    /// The request body as JSON. RFC 7644 §3.1 asks clients for
    /// application/scim+json; application/json is accepted too.
    static func body(_ request: Request, limit: Int) async throws -> JSON {
        try json(from: try await bodyBytes(request, limit: limit))
    }

    /// The request body as sent, its content type checked.
    static func bodyBytes(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let type = request.headers[.contentType]?.lowercased(),
           !type.hasPrefix("application/scim+json"), !type.hasPrefix("application/json") {
            throw DirectoryError.scim(SCIMError(status: 415, scimType: .invalidSyntax, detail: "Content-Type must be application/scim+json or application/json, not \(type)"))
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch {
            throw DirectoryError.scim(SCIMError(status: 413, scimType: .tooMany, detail: "the body is larger than \(limit) bytes"))
        }
    }

    static func json(from buffer: ByteBuffer) throws -> JSON {
        do {
            return try JSON(parsing: buffer.readableBytesView)
        } catch {
            throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidSyntax, detail: "the body is not valid JSON: \(error)"))
        }
    }

    /// The query string's parameters, percent-decoded, in order.
    static func queryItems(_ request: Request) -> [(name: String, value: String)] {
        request.uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    /// The body of a `POST …/.search` (RFC 7644 §3.4.3).
    static func searchRequest(_ request: Request, limit: Int) async throws -> SCIMSearchRequest {
        let json = try await body(request, limit: limit)
        do {
            return try SCIMSearchRequest(json: json)
        } catch {
            throw DirectoryError.scim(SCIMError(status: 400, scimType: .invalidSyntax, detail: "\(error)"))
        }
    }

    /// Runs a handler and turns its errors into SCIM error responses.
    static func handle(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as DirectoryError {
            // RFC 9110 §10.2.3: when to try again.
            let headers: HTTPFields = error.scimError.status == 503 ? [.retryAfter: "5"] : [:]
            return self.error(error.scimError, headers: headers)
        } catch let error as SCIMError {
            return self.error(error)
        } catch let error as any SCIMErrorConvertible {
            return self.error(error.scimError)
        } catch {
            return self.error(SCIMError(status: 500, detail: "internal error; the server log has the detail"))
        }
    }
}
