import ArgumentParser
import LDAP

/// `dsync ldap search`: a search written as RFC 2849 LDIF, to compare with
/// `ldapsearch -LLL`.
struct LDAPSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search an LDAP server and write the entries as LDIF (like ldapsearch -LLL)."
    )

    enum Scope: String, ExpressibleByArgument, CaseIterable {
        case sub, one, base

        var ldap: SearchRequest.Scope {
            switch self {
            case .sub: .wholeSubtree
            case .one: .singleLevel
            case .base: .baseObject
            }
        }
    }

    @OptionGroup var connection: LDAPConnectionOptions

    @Option(help: "The base DN to search under.")
    var base: String

    @Option(help: "sub (the whole subtree), one (the level below the base) or base (the base entry).")
    var scope: Scope = .sub

    @Option(help: "An RFC 4515 filter.")
    var filter: String = "(objectClass=*)"

    @Option(name: .customLong("page-size"), help: "Entries per page (RFC 2696 paging); 0 turns paging off.")
    var pageSize: Int = 1000

    @Argument(help: "Attributes to return (default: all user attributes).")
    var attributes: [String] = []

    func validate() throws {
        guard pageSize >= 0 else { throw ValidationError("--page-size must be 0 or more.") }
    }

    func run() async throws {
        let parsedFilter: LDAPFilter
        do {
            parsedFilter = try LDAPFilter(parsing: filter)
        } catch {
            throw ValidationError("\(error)")
        }
        let request = SearchRequest(baseObject: base, scope: scope.ldap, filter: parsedFilter, attributes: attributes)
        let logger = connection.makeLogger()
        let configuration = try connection.makeConfiguration()
        var output = StandardOutputBuffer()
        let ldif = LDIFWriter()
        do {
            let ldap = try await LDAPConnection.connect(configuration, logger: logger)
            defer { Task { await ldap.close() } }
            if pageSize > 0 {
                for try await event in ldap.pagedSearch(request, pageSize: pageSize) {
                    try write(event, with: ldif, to: &output)
                }
            } else {
                for try await event in try await ldap.search(request) {
                    try write(event, with: ldif, to: &output)
                }
            }
            try output.flush()
        } catch {
            try? output.flush()
            printError("dsync: \(error)")
            throw ExitCode.failure
        }
    }

    private func write(_ event: LDAPSearchEvent, with ldif: LDIFWriter, to output: inout StandardOutputBuffer) throws {
        switch event {
        case .entry(let entry, _):
            ldif.append(entry, to: &output.bytes)
            try output.flushIfFull()
        case .reference(let uris):
            // ldapsearch -LLL prints references as comments too.
            for uri in uris { output.bytes += Array("# refldap: \(uri)\n\n".utf8) }
        case .intermediate, .done:
            break
        }
    }
}
