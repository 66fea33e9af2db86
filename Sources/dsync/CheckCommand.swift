import Agent
import ArgumentParser
import Connectors
import SCIM
import SCIMClient
import SyncEngine

/// `dsync check`: can the agent read each source and reach the target, and
/// how many users and groups each base DN would sync (the "view count").
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Test the sources and the target, and count what each base DN would sync."
    )

    @OptionGroup var options: AgentOptions

    func run() async throws {
        let healthy = try await options.withEnvironment { environment in try await check(environment) }
        if !healthy { throw ExitCode(2) }
    }

    private func check(_ environment: AgentEnvironment) async throws -> Bool {
        var healthy = true
        for source in environment.sources {
            if let ldap = source as? LDAPSource {
                let report = await ldap.check()
                if let failure = report.connection {
                    healthy = false
                    print("source \(source.name): \(failure.condition.rawValue): \(failure.detail)")
                    print("  \(RunText.explanation(failure.condition))")
                    continue
                }
                if let names = report.attributeNames, !unknownAttributes(names, environment) { healthy = false }
                for baseDN in report.baseDNs {
                    if let count = baseDN.count {
                        print("source \(source.name): \(baseDN.baseDN): \(count.users) users, \(count.groups) groups")
                    } else if let problem = baseDN.problem {
                        healthy = false
                        print("source \(source.name): \(baseDN.baseDN): \(problem.code.rawValue): \(problem.detail)")
                        print("  \(RunText.explanation(problem.code))")
                    }
                }
            } else {
                do {
                    let read = try await source.read(after: nil)
                    for (baseDN, count) in read.counts.sorted(by: { $0.key < $1.key }) {
                        print("source \(source.name): \(baseDN.isEmpty ? "(whole file)" : baseDN): \(count.users) users, \(count.groups) groups")
                    }
                    for case .attributes(let names) in read.events where !unknownAttributes(names, environment) { healthy = false }
                    // What a file source (CSV) could not read is in its events.
                    for case .readIncomplete(let problem) in read.events {
                        if problem.anchor == nil { healthy = false }
                        print("source \(source.name): \(problem.code.rawValue): \(problem.detail)")
                        print("  \(RunText.explanation(problem.code))")
                    }
                } catch {
                    healthy = false
                    print("source \(source.name): \(ConditionCode.sourceReadIncomplete.rawValue): \(error)")
                    print("  \(RunText.explanation(.sourceReadIncomplete))")
                }
            }
        }
        do {
            let capabilities = try await environment.target.capabilities()
            let bulk = capabilities.bulk ? "Bulk supported" : "no Bulk"
            print("target \(environment.configuration.target.url): reachable, token accepted, \(bulk)")
        } catch let error as TargetError {
            healthy = false
            print("target \(environment.configuration.target.url): \(error)")
            print("  \(RunText.explanation(error.code))")
        }
        return healthy
    }

    /// Prints the mapping's source attributes the source lacks
    /// (`field-unknown`); false when there is one.
    private func unknownAttributes(_ names: SourceAttributeNames, _ environment: AgentEnvironment) -> Bool {
        let unknown = environment.configuration.mapping.unknownSourceAttributes(in: names)
        for record in unknown { print("source \(names.source): \(record.code.rawValue): \(record.detail)") }
        if !unknown.isEmpty { print("  \(RunText.explanation(.fieldUnknown))") }
        return unknown.isEmpty
    }
}
