#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `bulkId:<id>` references inside bulk operation data (RFC 7644 §3.7.2):
/// a group created in the same request may list members created before it
/// (or after it: the server orders operations by their references).
extension JSON {
    static let bulkIdPrefix = "bulkId:"

    /// The bulk ids this value refers to, anywhere inside it.
    public var bulkIdReferences: Set<String> {
        var found: Set<String> = []
        collectBulkIds(into: &found)
        return found
    }

    private func collectBulkIds(into found: inout Set<String>) {
        switch self {
        case .string(let text):
            if let id = JSON.bulkId(in: text) { found.insert(id) }
        case .array(let values):
            for value in values { value.collectBulkIds(into: &found) }
        case .object(let object):
            for member in object { member.value.collectBulkIds(into: &found) }
        default:
            break
        }
    }

    /// The value with every `bulkId:<id>` string replaced by `ids[id]`.
    /// Throws the first reference `ids` cannot resolve, so the operation
    /// fails with `invalidValue` rather than storing a dangling reference.
    public func resolvingBulkIds(_ ids: [String: String]) throws(SCIMUnresolvedBulkId) -> JSON {
        switch self {
        case .string(let text):
            guard let id = JSON.bulkId(in: text) else { return self }
            guard let resolved = ids[id] else { throw SCIMUnresolvedBulkId(bulkId: id) }
            return .string(resolved)
        case .array(let values):
            var resolved: [JSON] = []
            resolved.reserveCapacity(values.count)
            for value in values { resolved.append(try value.resolvingBulkIds(ids)) }
            return .array(resolved)
        case .object(let object):
            var resolved = JSONObject()
            resolved.reserveCapacity(object.count)
            for member in object { resolved.appendUnchecked(member.key, try member.value.resolvingBulkIds(ids)) }
            return .object(resolved)
        default:
            return self
        }
    }

    /// The id in a `bulkId:<id>` string (the prefix read case-sensitively,
    /// as RFC 7644 §3.7.2 writes it).
    static func bulkId(in text: String) -> String? {
        guard text.hasPrefix(bulkIdPrefix) else { return nil }
        let id = text.dropFirst(bulkIdPrefix.count)
        return id.isEmpty ? nil : String(id)
    }
}

/// A bulk operation's path may name a resource created earlier in the same
/// request by its bulk id, in place of the id the server gave it
/// (`/Groups/bulkId:qwerty`; RFC 7644 §3.7.2, the way clients and servers
/// commonly use it): its last segment, whole.
extension SCIMBulkRequest.Operation {
    /// The bulk id the path names, if any.
    public var pathBulkIdReference: String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return JSON.bulkId(in: String(path[path.index(after: slash)...]))
    }

    /// Every bulk id the operation refers to: in its path and in its data.
    public var bulkIdReferences: Set<String> {
        var references = data?.bulkIdReferences ?? []
        if let reference = pathBulkIdReference { references.insert(reference) }
        return references
    }

    /// The path with its bulk id replaced by the resource's id. Throws when
    /// `ids` has no resource for it.
    public func resolvingPath(_ ids: [String: String]) throws(SCIMUnresolvedBulkId) -> String {
        guard let reference = pathBulkIdReference, let slash = path.lastIndex(of: "/") else { return path }
        guard let id = ids[reference] else { throw SCIMUnresolvedBulkId(bulkId: reference) }
        return path[...slash] + id
    }
}

/// A `bulkId:` reference to an operation that did not create a resource.
public struct SCIMUnresolvedBulkId: Error, Sendable, Hashable, CustomStringConvertible {
    public let bulkId: String

    public var description: String { "bulkId \"\(bulkId)\" does not refer to a resource created in this request" }
}

extension SCIMUnresolvedBulkId: SCIMErrorConvertible {
    /// RFC 7644 §3.7.3 shows a 409 for a circular reference; an unknown one
    /// is a bad value.
    public var scimError: SCIMError {
        SCIMError(status: 400, scimType: .invalidValue, detail: description)
    }
}

extension SCIMBulkRequest {
    /// Whether a request body, as sent, may hold a `bulkId:` reference: not
    /// when its bytes hold neither `bulkId:` nor a `\u` escape (the only
    /// JSON escape that could spell one). A server can then skip looking
    /// for references in every operation's data (RFC 7644 §3.7.2).
    public static func mayReferToBulkIds(_ body: UnsafeRawBufferPointer) -> Bool {
        contains(body, Array("bulkId:".utf8), at: 4) || contains(body, Array("\\u".utf8), at: 0)
    }

    /// Whether `body` holds `text`: `memchr` finds each place of the byte at
    /// `pivot` (a rare one), and the bytes around it are compared.
    private static func contains(_ body: UnsafeRawBufferPointer, _ text: [UInt8], at pivot: Int) -> Bool {
        guard let base = body.baseAddress, body.count >= text.count else { return false }
        var offset = pivot
        let end = body.count - (text.count - pivot)
        while offset <= end, let found = memchr(base + offset, Int32(text[pivot]), end - offset + 1) {
            let start = base.distance(to: UnsafeRawPointer(found)) - pivot
            if text.indices.allSatisfy({ body[start + $0] == text[$0] }) { return true }
            offset = start + pivot + 1
        }
        return false
    }
}
