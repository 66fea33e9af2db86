public import LDAP
public import Logging
public import SyncEngine

/// An LDAP or Active Directory domain as a source: a paged search (RFC 2696)
/// per base DN with the user and group filters, the entries turned into
/// objects by the shared `DirectoryObjectBuilder`.
///
/// A full read ends with `snapshotComplete` only when every base DN was read
/// to the end. A base DN that answers noSuchObject (RFC 4511 §4.1.9, result
/// 32: renamed or deleted), a size or time limit (results 4, 3), missing
/// rights, or a connection lost mid-read yields `readIncomplete` with the
/// condition instead, so the planner removes nothing; what was read is still
/// upserted. A failure to connect or bind throws `LDAPSourceError`.
public struct LDAPSource: Source {
    public let name: String
    public let scope: DirectoryScope
    public let client: LDAPClient
    /// Attributes requested; see `requestedAttributes`.
    public let attributes: [String]
    /// Entries per page (RFC 2696); 0 reads unpaged, for servers without the
    /// control (and then the server's size limit applies).
    public var pageSize: Int
    let logger: Logger

    /// - Parameters:
    ///   - attributes: what the mapping needs, besides the configured
    ///     `attributes`; nil asks for all user attributes (`*`).
    ///   - password: the resolved `password` reference (the caller resolves
    ///     it, so the source never reads files or the environment).
    public init(
        name: String, configuration: LDAPSourceConfiguration, password: Secret?,
        attributes: [String]? = nil, pageSize: Int = 1000,
        logger: Logger = Logger(label: "dsync.source.ldap", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws(LDAPSourceError) {
        let scope: DirectoryScope
        do {
            scope = try DirectoryScope(source: name, configuration: configuration)
        } catch {
            throw LDAPSourceError(condition: .general, detail: "sources.\(name).ldap: \(error)")
        }
        var urls: [LDAPURL] = []
        for text in configuration.urls {
            do {
                urls.append(try LDAPURL(parsing: text))
            } catch {
                throw LDAPSourceError(condition: .general, detail: "sources.\(name).ldap.urls: \(text) is not an ldap:// or ldaps:// URL")
            }
        }
        let credentials: LDAPConfiguration.Credentials
        if let bindDN = configuration.bindDN {
            guard let password, !password.value.isEmpty else {
                throw LDAPSourceError(
                    condition: .ldapBindFailed,
                    detail: "sources.\(name).ldap: bindDN \(bindDN) needs a password; an empty one would be an unauthenticated bind (RFC 4513 §5.1.2)")
            }
            credentials = .simple(dn: bindDN, password: LDAPPassword(password.value))
        } else {
            credentials = .anonymous
        }
        let ldap = LDAPConfiguration(
            urls: urls, tlsMode: configuration.startTLS ? .startTLS : .fromURL, caFile: configuration.caFile,
            credentials: credentials)
        self.init(
            name: name, scope: scope, client: LDAPClient(configuration: ldap, logger: logger),
            attributes: (attributes ?? ["*"]) + configuration.attributes, pageSize: pageSize, logger: logger)
    }

    /// A source over a client the caller built (tests, `dsync check` with
    /// its own timeouts).
    public init(
        name: String, scope: DirectoryScope, client: LDAPClient, attributes: [String] = ["*"], pageSize: Int = 1000,
        logger: Logger = Logger(label: "dsync.source.ldap", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.name = name
        self.scope = scope
        self.client = client
        self.attributes = attributes
        self.pageSize = pageSize
        self.logger = logger
    }

    /// The attributes asked for: the given ones plus what choosing and
    /// building objects needs (the anchor, which for `entryUUID` is an
    /// operational attribute that `*` does not return, RFC 4511 §4.5.1.8;
    /// objectClass; members; the attributes of the rules).
    public var requestedAttributes: [String] {
        var names = attributes
        names += [scope.anchorAttribute, "objectClass", "member", "uniqueMember"]
        if scope.profile == .activeDirectory { names += ["objectCategory", "userAccountControl"] }
        if let disabled = scope.disabled { names.append(disabled.attribute) }
        names += scope.exclusions.map(\.attribute)
        var seen: Set<String> = []
        return names.filter { seen.insert($0.lowercased()).inserted }
    }

    /// Users or groups, as one server-side filter.
    var searchFilter: LDAPFilter { .or([scope.userFilter.filter, scope.groupFilter.filter]) }

    public func read(after watermark: String?) async throws -> SourceReadResult {
        let outcome = try await readObjects()
        var events = outcome.read.objects.map(ChangeEvent.upsert)
        if outcome.problems.isEmpty {
            events.append(.snapshotComplete)
        } else {
            events += outcome.problems.map(ChangeEvent.readIncomplete)
        }
        if let names = outcome.attributeNames {
            events.append(.attributes(sourceAttributeNames(names)))
        }
        return SourceReadResult(events: events, watermark: nil, counts: outcome.trustedCounts)
    }

    /// Reads every base DN. Throws `LDAPSourceError` only when nothing can be
    /// read (connect, TLS, bind); a failed base DN is a problem in the outcome.
    public func readObjects() async throws(LDAPSourceError) -> LDAPReadOutcome {
        let connection: LDAPConnection
        do {
            connection = try await client.connection()
        } catch {
            throw LDAPSourceError(condition: LDAPErrorCondition.connecting(error), detail: "\(error)")
        }
        let attributeNames = await schemaAttributeNames(connection)
        let builder = ObjectBuilderThread(scope: scope)
        var problems: [SourceReadProblem] = []
        for baseDN in scope.baseDNs {
            if let problem = await read(baseDN: baseDN, into: builder) {
                logger.warning("read of \(baseDN) incomplete: \(problem.detail)")
                problems.append(problem)
            }
        }
        let read = await builder.finish()
        var trusted = read.counts
        for problem in problems { if let baseDN = problem.baseDN { trusted[baseDN] = nil } }
        return LDAPReadOutcome(read: read, problems: problems, trustedCounts: trusted, attributeNames: attributeNames)
    }

    /// The schema's names as the planner and `dsync check` take them.
    func sourceAttributeNames(_ names: Set<String>) -> SourceAttributeNames {
        SourceAttributeNames(source: name, origin: "the server's schema", users: names, groups: names, defaults: .defaults(for: scope.profile))
    }

    /// The attribute names the server's schema defines, to check the
    /// mapping's source attributes against; nil when the schema cannot be
    /// read (the mapping is then trusted as it is).
    private func schemaAttributeNames(_ connection: LDAPConnection) async -> Set<String>? {
        do {
            return try await connection.readAttributeTypeNames()
        } catch {
            logger.debug("the server's schema could not be read: \(error)")
            return nil
        }
    }

    /// One base DN's search; the problem when it did not finish.
    private func read(baseDN: String, into builder: ObjectBuilderThread) async -> SourceReadProblem? {
        let request = SearchRequest(
            baseObject: baseDN, scope: scope.scope == .one ? .singleLevel : .wholeSubtree,
            filter: searchFilter, attributes: requestedAttributes)
        do {
            let connection = try await client.connection()
            // Entries are taken a batch at a time (one suspension per
            // batch, not per entry) and built into objects on the
            // builder's thread meanwhile; only a group whose members come
            // in ranges waits for the rest of them.
            func entries(_ batch: ArraySlice<LDAPSearchEvent>) async throws -> [LDAPEntry] {
                var entries: [LDAPEntry] = []
                entries.reserveCapacity(batch.count)
                for case .entry(let entry, _) in batch {
                    entries.append(needsRangedValues(entry) ? try await connection.completingRangedAttributes(of: entry) : entry)
                }
                return entries
            }
            if pageSize > 0 {
                for try await batch in connection.pagedSearch(request, pageSize: pageSize).batches {
                    await builder.add(try await entries(batch))
                }
            } else {
                var results = try await connection.search(request).makeAsyncIterator()
                while let batch = try await results.nextBatch() {
                    await builder.add(try await entries(batch))
                }
            }
            return nil
        } catch {
            return Self.problem(error, baseDN: baseDN)
        }
    }

    /// Active Directory cuts `member` at MaxValRange (`member;range=0-1499`);
    /// the rest is read before the group becomes an object.
    private func needsRangedValues(_ entry: LDAPEntry) -> Bool {
        scope.profile == .activeDirectory && entry.attribute("member") == nil
            && entry.attributes.contains(where: { $0.type.lowercased().hasPrefix("member;range=") })
    }

    static func problem(_ error: any Error, baseDN: String) -> SourceReadProblem {
        let code = LDAPErrorCondition.searching(error)
        // Swift 6.3.1's release optimiser crashes (ownership verifier) on a
        // switch over `(error as? LDAPError)?.resultCode` in a tuple; the
        // result code is taken out first.
        let resultCode: LDAPResultCode? = (error as? LDAPError)?.resultCode
        let detail: String
        if resultCode == .noSuchObject {
            // Active Directory, and OpenLDAP without `disclose`, answer
            // noSuchObject for an entry the bind account may not read.
            detail = "the base DN \(baseDN) does not exist, or the bind account may not read it (noSuchObject): renamed, deleted, "
                + "or a missing read right? Nothing is removed until it is fixed"
        } else if code == .ldapSizeLimit {
            detail = "the server stopped the read of \(baseDN) at its size or time limit (\(resultCode.map { "\($0)" } ?? "limit"))"
        } else {
            detail = "the read of \(baseDN) failed: \(error)"
        }
        return SourceReadProblem(code: code, baseDN: baseDN, detail: detail)
    }
}

/// What `LDAPSource.readObjects()` produced.
public struct LDAPReadOutcome: Sendable {
    public var read: DirectoryRead
    /// One per base DN that was not read to the end.
    public var problems: [SourceReadProblem]
    /// `read.counts` without the base DNs that failed.
    public var trustedCounts: [String: SourceCount]
    /// The attribute names of the server's schema, when it could be read.
    public var attributeNames: Set<String>?
}
