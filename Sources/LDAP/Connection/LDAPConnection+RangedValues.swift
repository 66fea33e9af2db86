/// Active Directory's ranged retrieval of large multi-valued attributes
/// (MS-ADTS 3.1.1.3.1.3.3): a server caps the values returned per read at
/// MaxValRange (1,500 by default) and names the slice it sent as
/// `member;range=0-1499`; the last slice ends in `*`.
///
/// Never use it on DirSync answers: there `member;range=1-1` and
/// `member;range=0-0` mean added and removed values, not slices.
public struct AttributeRange: Sendable, Hashable {
    public var attribute: String
    public var low: Int
    /// nil for `*`: this slice is the last.
    public var high: Int?

    /// Reads `type;range=low-high` (other options are kept in `attribute`).
    public init?(description: String) {
        var baseParts: [Substring] = []
        var range: (Int, Int?)?
        for part in description.split(separator: ";") {
            if part.lowercased().hasPrefix("range=") {
                let bounds = part.dropFirst("range=".count).split(separator: "-", maxSplits: 1)
                guard bounds.count == 2, let low = Int(bounds[0]) else { return nil }
                if bounds[1] == "*" { range = (low, nil) } else if let high = Int(bounds[1]) { range = (low, high) } else { return nil }
            } else {
                baseParts.append(part)
            }
        }
        guard let range else { return nil }
        attribute = baseParts.joined(separator: ";")
        low = range.0
        high = range.1
    }
}

extension LDAPConnection {
    /// Returns `entry` with every ranged attribute completed: the remaining
    /// slices are read one request at a time, from where the server stopped,
    /// using the bounds in each answer (MaxValRange varies between servers).
    public func completingRangedAttributes(of entry: LDAPEntry) async throws -> LDAPEntry {
        var completed = entry
        for (index, attribute) in entry.attributes.enumerated() {
            guard let range = AttributeRange(description: attribute.type) else { continue }
            var values = attribute.values
            var high = range.high
            while let last = high {
                let slice = try await readSlice(of: range.attribute, dn: entry.dn, from: last + 1)
                guard let slice else { break }
                values += slice.values
                high = slice.high
            }
            completed.attributes[index] = LDAPAttribute(type: range.attribute, values: values)
        }
        return completed
    }

    /// All values of one attribute of one entry, however many there are.
    public func readAllValues(of attribute: String, dn: String) async throws -> [[UInt8]] {
        var values: [[UInt8]] = []
        var next: Int? = 0
        while let low = next {
            guard let slice = try await readSlice(of: attribute, dn: dn, from: low) else { break }
            values += slice.values
            next = slice.high.map { $0 + 1 }
        }
        return values
    }

    private func readSlice(of attribute: String, dn: String, from low: Int) async throws -> (values: [[UInt8]], high: Int?)? {
        let request = SearchRequest(
            baseObject: dn, scope: .baseObject, filter: .everything,
            attributes: ["\(attribute);range=\(low)-*"]
        )
        let (entries, _) = try await search(request).collect()
        guard let found = entries.first else { return nil }
        for candidate in found.attributes {
            if let range = AttributeRange(description: candidate.type), range.attribute.lowercased() == attribute.lowercased() {
                return (candidate.values, range.high)
            }
            // A server without ranged retrieval answers with the whole attribute.
            if candidate.type.lowercased() == attribute.lowercased() {
                return (candidate.values, nil)
            }
        }
        return nil
    }
}
