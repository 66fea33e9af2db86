import ArgumentParser
import DirectoryServer
import SCIM

/// `directoryd admin domain add|verify|remove`.
struct DomainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domain",
        abstract: "Email domains: claim, verify, remove.",
        subcommands: [DomainAddCommand.self, DomainVerifyCommand.self, DomainRemoveCommand.self]
    )
}

/// The options the domain commands share.
struct DomainOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The organization's id.")
    var org: String

    @Option(help: "The domain, e.g. example.com.")
    var domain: String

    func service() async throws -> DomainService {
        let directory = try await store.openStore()
        guard try await directory.organization(id: org) != nil else {
            throw ValidationError("No organization \(org) in \(store.location).")
        }
        return DomainService(store: directory, organizationID: org)
    }
}

struct DomainAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Claim a domain; prints the DNS TXT record that proves it.")

    @OptionGroup var options: DomainOptions

    func run() async throws {
        let domain = try await options.service().add(options.domain)
        if options.output.json {
            let json: JSON = ["domain": .string(domain.name), "txtName": .string(domain.txtRecordName), "txtValue": .string(domain.txtRecordValue), "verified": false]
            print(json.serializedString())
        } else {
            print("claimed \(domain.name); publish this DNS record, then verify:")
            print("  \(domain.txtRecordName). TXT \"\(domain.txtRecordValue)\"")
        }
    }
}

struct DomainVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a claimed domain by its DNS TXT record."
    )

    @OptionGroup var options: DomainOptions

    @Option(name: .customLong("dns-server"), help: "The DNS server to ask, HOST[:PORT] (default: the first nameserver of /etc/resolv.conf).")
    var dnsServer: String?

    @Flag(name: .customLong("without-dns"), help: "Mark it verified without looking at DNS (tests, or a record checked by other means).")
    var withoutDNS = false

    func run() async throws {
        let service = try await options.service()
        if withoutDNS {
            try await service.verify(options.domain)
        } else {
            let resolver: DNSResolver
            if let dnsServer {
                do { resolver = try DNSResolver.parse(dnsServer) } catch { throw ValidationError("\(error)") }
            } else if let system = DNSResolver.system() {
                resolver = system
            } else {
                throw ValidationError("No DNS server: /etc/resolv.conf names none; give --dns-server.")
            }
            do {
                try await service.verifyByDNS(options.domain, resolver: resolver)
            } catch let error as DirectoryError {
                throw ValidationError(error.description)
            }
        }
        if options.output.json {
            let json: JSON = ["domain": .string(options.domain), "verified": true]
            print(json.serializedString())
        } else {
            print("\(options.domain) is verified; from now on users' addresses must be in the organization's verified domains")
        }
    }
}

struct DomainRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a domain from the organization.")

    @OptionGroup var options: DomainOptions

    func run() async throws {
        guard try await options.service().remove(options.domain) else {
            throw ValidationError("The organization has no domain \(options.domain).")
        }
        if options.output.json {
            let json: JSON = ["domain": .string(options.domain), "removed": true]
            print(json.serializedString())
        } else {
            print("removed \(options.domain)")
        }
    }
}
