public import LDAP
public import SyncEngine

/// Turns the entries of one read into source objects: entries are added as
/// they arrive, and `finish()` resolves group members, which needs the DN
/// index of the whole read (a group may come before its members).
///
/// Memberships come from the groups' `member` (and `uniqueMember`) values,
/// never from `memberOf`: neither AD's DirSync nor OpenLDAP's memberof
/// overlay reports a membership change as a change of the user.
public struct DirectoryObjectBuilder: Sendable {
    public let scope: DirectoryScope
    private let baseDNs: [(text: String, dn: DistinguishedName)]

    private var pending: [PendingObject] = []
    /// DN exactly as the server wrote it → anchor, for every object in
    /// scope: member values are most often byte-identical to the entries'
    /// DNs, and a hit saves parsing and normalising hundreds of
    /// thousands of them. The normalised DNs (RFC 4514) are indexed only
    /// when a member value is spelled otherwise (`finish`).
    private var anchorsByText = DNTextIndex()
    private var seenAnchors: Set<Anchor> = []
    private var skipped: [SkippedEntry] = []
    /// Per configured base DN, in `baseDNs` order; the last: objects read
    /// without base DNs (an LDIF file's whole content).
    private var counts: [SourceCount]
    private var disabledUsers = 0

    private struct PendingObject: Sendable {
        var object: SourceObject
        /// Members already known when the group was read (most: users come
        /// first), by anchor; the others by DN, resolved at the end.
        var resolved: [Anchor]
        var memberDNs: [String]
    }

    /// The anchor attribute's name, lowercased (compared with each type).
    private let anchorName: [UInt8]

    public init(scope: DirectoryScope) {
        self.scope = scope
        self.anchorName = Array(scope.anchorAttribute.lowercased().utf8)
        self.baseDNs = scope.baseDNs.compactMap { text in DistinguishedName(text).map { (text, $0) } }
        self.counts = Array(repeating: SourceCount(), count: baseDNs.count + 1)
    }

    /// Attributes never copied onto an object: members travel as anchors,
    /// and a password hash has no business outside the directory.
    static let omittedAttributes: Set<String> = ["member", "uniquemember", "memberof", "userpassword", "unicodepwd"]

    /// Adds one entry; entries that are neither users nor groups (OUs,
    /// service accounts) are ignored, the others are kept or skipped with a
    /// reason.
    public mutating func add(_ entry: LDAPEntry) {
        let kind: ObjectKind
        if scope.userFilter.matches(entry) {
            kind = .user
        } else if scope.groupFilter.matches(entry) {
            kind = .group
        } else {
            return
        }
        guard let dn = DistinguishedName(entry.dn) else {
            skipped.append(SkippedEntry(dn: entry.dn, kind: kind, reason: .invalidDN))
            return
        }
        var baseDN: String?
        var countIndex = baseDNs.count
        if !baseDNs.isEmpty {
            guard let found = self.baseDNIndex(of: dn) else {
                skipped.append(SkippedEntry(dn: entry.dn, kind: kind, reason: .outsideBaseDNs))
                return
            }
            baseDN = baseDNs[found].text
            countIndex = found
        }
        guard let anchor = Self.anchor(of: entry, attribute: scope.anchorAttribute) else {
            skipped.append(SkippedEntry(dn: entry.dn, kind: kind, reason: .noAnchor(scope.anchorAttribute)))
            return
        }
        guard !seenAnchors.contains(anchor) else {
            // Overlapping base DNs read one entry twice; an LDIF file may
            // repeat an entry. The first wins.
            skipped.append(SkippedEntry(dn: entry.dn, kind: kind, reason: .duplicateAnchor(anchor)))
            return
        }
        let (attributes, digest) = Self.attributes(of: entry, anchorName: anchorName, anchor: anchor)
        let object = SourceObject(
            kind: kind, anchor: anchor, source: scope.source, dn: entry.dn, baseDN: baseDN, attributes: attributes, digest: digest)
        if scope.exclusions.contains(where: { $0.matches(object) }) {
            skipped.append(SkippedEntry(dn: entry.dn, kind: kind, reason: .excluded))
            return
        }
        seenAnchors.insert(anchor)
        anchorsByText.set(entry.dn, anchor)
        var resolved: [Anchor] = []
        var memberDNs: [String] = []
        if kind == .group {
            // `member` values found as they lie; the others (and every
            // `uniqueMember`) as text, resolved at the end.
            entry.forEachValue(of: "member") { value in
                if let anchor = anchorsByText.anchor(value) {
                    resolved.append(anchor)
                } else {
                    memberDNs.append(String(decoding: value, as: UTF8.self))
                }
            }
            for text in Self.uniqueMemberDNs(of: entry) {
                if let anchor = anchorsByText.anchor(text) { resolved.append(anchor) } else { memberDNs.append(text) }
            }
        }
        pending.append(PendingObject(object: object, resolved: resolved, memberDNs: memberDNs))
        switch kind {
        case .user:
            counts[countIndex].users += 1
            if scope.disabled?.matches(object) ?? false { disabledUsers += 1 }
        case .group:
            counts[countIndex].groups += 1
        }
    }

    /// The objects (in the order read) with members resolved to anchors.
    public func finish() -> DirectoryRead {
        var objects: [SourceObject] = []
        objects.reserveCapacity(pending.count)
        var anchorsByDN: [DistinguishedName: Anchor]?
        func anchor(normalizing text: String) -> Anchor? {
            if anchorsByDN == nil {
                var index: [DistinguishedName: Anchor] = [:]
                for item in pending {
                    if let dn = item.object.dn.flatMap(DistinguishedName.init) { index[dn] = item.object.anchor }
                }
                anchorsByDN = index
            }
            return DistinguishedName(text).flatMap { anchorsByDN?[$0] }
        }
        for var item in pending {
            var members: [Anchor] = []
            var unresolved: [String] = []
            var seen: Set<Anchor> = []
            // Sized once: a group may have 50,000 members.
            members.reserveCapacity(item.resolved.count + item.memberDNs.count)
            seen.reserveCapacity(item.resolved.count + item.memberDNs.count)
            for anchor in item.resolved where seen.insert(anchor).inserted { members.append(anchor) }
            for text in item.memberDNs {
                if let anchor = anchorsByText.anchor(text) ?? anchor(normalizing: text) {
                    if seen.insert(anchor).inserted { members.append(anchor) }
                } else {
                    // Outside the base DNs, excluded, not a user or group
                    // (AD's CN=ForeignSecurityPrincipals), or gone.
                    unresolved.append(text)
                }
            }
            item.object.members = members
            item.object.unresolvedMembers = unresolved
            objects.append(item.object)
        }
        return DirectoryRead(objects: objects, counts: countsByBaseDN, skipped: skipped, disabledUsers: disabledUsers)
    }

    /// Users and groups per configured base DN, or under `""` without any.
    private var countsByBaseDN: [String: SourceCount] {
        var result: [String: SourceCount] = [:]
        for baseDN in scope.baseDNs { result[baseDN] = SourceCount() }
        for (index, base) in baseDNs.enumerated() {
            result[base.text, default: SourceCount()].users += counts[index].users
            result[base.text, default: SourceCount()].groups += counts[index].groups
        }
        if let unbased = counts.last, unbased.users + unbased.groups > 0 { result[""] = unbased }
        return result
    }

    /// The most specific configured base DN holding `dn` (its index),
    /// honouring the scope (`one`: the base DN's direct children only).
    private func baseDNIndex(of dn: DistinguishedName) -> Int? {
        var best: (index: Int, depth: Int)?
        for (index, base) in baseDNs.enumerated() where dn.isWithin(base.dn) {
            if scope.scope == .one, dn.rdns.count != base.dn.rdns.count + 1 { continue }
            if best == nil || base.dn.rdns.count > best!.depth { best = (index, base.dn.rdns.count) }
        }
        return best?.index
    }

    /// The anchor as text: AD's binary objectGUID in its canonical form
    /// (also accepted already as text, as some exports write it), any other
    /// attribute's first value.
    static func anchor(of entry: LDAPEntry, attribute: String) -> Anchor? {
        let guid = attribute.lowercased() == "objectguid"
        var anchor: Anchor?
        var first = true
        entry.forEachValue(of: attribute) { value in
            guard first else { return }
            first = false
            guard !value.isEmpty else { return }
            if guid {
                if let text = ObjectGUID.string(Array(value)) {
                    anchor = Anchor(text)
                } else if value.count == 36, let text = String(validating: value, as: UTF8.self) {
                    anchor = Anchor(text.lowercased())
                }
            } else if isUTF8(value) {
                anchor = Anchor(utf8: value)
            }
        }
        return anchor
    }

    /// Text attributes (binary values such as jpegPhoto left out), with the
    /// anchor attribute in its text form, and their digest with the DN's, in
    /// the order the server sent them (a server that reorders them costs a
    /// mapping, never a missed change). Built from the values in place: an
    /// entry's attributes are copied once, into the object's buffer.
    /// `anchorName`: the anchor attribute's name, lowercased.
    static func attributes(of entry: LDAPEntry, anchorName: [UInt8], anchor: Anchor) -> (attributes: SourceAttributes, digest: String) {
        var attributes = SourceAttributes()
        var type: [UInt8] = []
        var skipped = true
        var named = false
        entry.forEachValue { rawType, value in
            if !rawType.elementsEqual(type) {
                type.removeAll(keepingCapacity: true)
                for byte in rawType { type.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
                skipped = type == anchorName || omittedNames.contains(type)
                // Compare against the type as sent from now on.
                type.removeAll(keepingCapacity: true)
                type.append(contentsOf: rawType)
                named = false
            }
            guard !skipped, let value, isUTF8(value) else { return }
            if !named {
                type.withUnsafeBytes { attributes.appendName($0) }
                named = true
            }
            attributes.appendValue(value)
        }
        anchorName.withUnsafeBytes { attributes.appendName($0) }
        attributes.appendValue(anchor.rawValue)
        return (attributes, SourceDigest.of(dn: entry.dn, attributes: attributes))
    }

    private static let omittedNames: [[UInt8]] = omittedAttributes.map { Array($0.utf8) }

    /// Whether a value is text (ASCII checked by bytes; the rest decoded).
    static func isUTF8(_ value: UnsafeRawBufferPointer) -> Bool {
        if value.allSatisfy({ $0 < 0x80 }) { return true }
        return String(validating: value, as: UTF8.self) != nil
    }

    /// `uniqueMember` (groupOfUniqueNames), whose values may end in an
    /// optional `#'0101'B` UID (RFC 4517 §3.3.21); `member` (groupOfNames,
    /// AD groups) is read in `add`.
    static func uniqueMemberDNs(of entry: LDAPEntry) -> [String] {
        var dns: [String] = []
        entry.forEachValue(of: "uniqueMember") { raw in
            let value = String(decoding: raw, as: UTF8.self)
            if value.hasSuffix("'B"), let hash = value.lastIndex(of: "#"), value[value.index(after: hash)...].hasPrefix("'") {
                dns.append(String(value[..<hash]))
            } else {
                dns.append(value)
            }
        }
        return dns
    }
}

/// The objects of one read, what each base DN holds, and what was left out.
public struct DirectoryRead: Sendable {
    /// Users and groups in scope, members resolved.
    public var objects: [SourceObject]
    /// Users and groups per configured base DN (key `""` when the scope has
    /// no base DNs).
    public var counts: [String: SourceCount]
    public var skipped: [SkippedEntry]
    public var disabledUsers: Int
}

/// A user or group entry that did not become an object, and why.
public struct SkippedEntry: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case invalidDN
        case outsideBaseDNs
        case noAnchor(String)
        case duplicateAnchor(Anchor)
        case excluded
    }

    public var dn: String
    public var kind: ObjectKind
    public var reason: Reason

    public var description: String {
        switch reason {
        case .invalidDN: "\(dn): not a valid DN (RFC 4514)"
        case .outsideBaseDNs: "\(dn): outside the configured base DNs"
        case .noAnchor(let attribute): "\(dn): no \(attribute) value, so no anchor; the entry is not synced"
        case .duplicateAnchor(let anchor): "\(dn): anchor \(anchor) already read from another entry"
        case .excluded: "\(dn): excluded by a rule"
        }
    }
}
