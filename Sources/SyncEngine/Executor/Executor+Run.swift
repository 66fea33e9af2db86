import Foundation
import SCIM

extension Executor {
    /// One run's moving parts: the links as they grow (creates in an earlier
    /// window are references in a later one), and the fields left out of a
    /// create because the object they point to was not written yet.
    struct Run: Sendable {
        let executor: Executor
        let capabilities: TargetCapabilities
        var links: LinkTable
        let mappingVersion: String
        /// Per anchor: the reference fields to write once their objects exist.
        var deferred: [Anchor: (kind: ObjectKind, fields: [FieldAssignment], hash: String)] = [:]
        /// A saved plan's target versions, until the object's first write.
        var versions: [Anchor: String] = [:]
        /// Objects a saved plan found changed: their later actions are skipped.
        var stale: Set<Anchor> = []
        /// The plan's `digests`: a link written with its hash keeps the
        /// object's digest; one without a hash (a reference still to write)
        /// keeps none.
        var digests: [Anchor: String] = [:]
        /// Per group the plan creates, the members its create may carry
        /// (`Executor+CarriedMembers.swift`), and what each create carried.
        var memberAdditions: [Anchor: [Anchor]] = [:]
        var carriedMembers: [Anchor: CarriedMembers] = [:]
        /// Windows recorded since freed memory was last given back.
        var windowsSinceReturn = 0

        init(executor: Executor, capabilities: TargetCapabilities, links: [Anchor: Link], mappingVersion: String, adding: Int = 0) {
            self.executor = executor
            self.capabilities = capabilities
            self.links = LinkTable(links, adding: adding)
            self.mappingVersion = mappingVersion
        }

        /// Journals the window, runs it with bounded concurrency, records it.
        mutating func apply(_ window: [PlannedAction], into report: inout ExecutionReport, counted: Bool = true) async throws {
            let prepared = try await prepare(window, into: &report)
            let outcomes = await outcomes(of: prepared.window)
            try await finish(prepared, outcomes, into: &report, counted: counted)
        }

        /// A window journaled, its requests not sent yet.
        struct Prepared: Sendable {
            let window: [PlannedAction]
            let journalID: String
            /// Digests that came with the window's actions (`EarlyAction`),
            /// kept apart from `Run.digests`: a run's copy sent along with
            /// every window in flight would make each addition a copy of all.
            var digests: [Anchor: String] = [:]
        }

        /// Skips what a saved plan found stale, and journals the rest: from
        /// here on a crash leaves intents that `reconcile` settles.
        mutating func prepare(
            _ window: [PlannedAction], digests: [Anchor: String] = [:], into report: inout ExecutionReport
        ) async throws -> Prepared {
            var window = window
            if !stale.isEmpty {
                var split = skipStale(window)
                nameResults(of: &split.skipped, window: window)
                window = split.kept
                try await executor.recorder.record(split.skipped)
                report.add(split.skipped)
            }
            let intents = window.compactMap { action in
                action.name == .unlink ? nil : Intent(operation: action.name, kind: action.kind, anchor: action.anchor, targetID: action.targetID)
            }
            let entry = JournalEntry(id: UUID().uuidString.lowercased(), intents: intents)
            try await executor.recorder.journal(entry)
            return Prepared(window: window, journalID: entry.id, digests: digests)
        }

        /// Sends a prepared window's requests in a task of their own, so the
        /// previous window is recorded meanwhile.
        func launch(_ prepared: Prepared) -> Task<[Outcome], Never> {
            let run = self
            return Task { await run.outcomes(of: prepared.window) }
        }

        /// A prepared window that will not be sent (the run stopped): its
        /// intents are dropped, nothing having gone out for them.
        func abandon(_ prepared: Prepared) async throws {
            var batch = OutcomeBatch(runID: executor.settings.runID)
            batch.completedJournal = [prepared.journalID]
            try await executor.recorder.record(batch)
        }

        /// Records a window's outcomes and adds them to the links and the report.
        mutating func finish(_ prepared: Prepared, _ outcomes: [Outcome], into report: inout ExecutionReport, counted: Bool = true) async throws {
            var batch = OutcomeBatch(runID: executor.settings.runID)
            for outcome in outcomes {
                batch.merge(outcome.batch)
                if let stop = outcome.stop, report.stoppedBy == nil { report.stoppedBy = stop }
                for deferral in outcome.deferred { deferred[deferral.anchor] = (deferral.kind, deferral.fields, deferral.hash) }
                for carried in outcome.carried { carriedMembers[carried.group] = carried.members }
            }
            batch.completedJournal = [prepared.journalID]
            nameResults(of: &batch, window: prepared.window)
            for (anchor, link) in batch.links {
                batch.links[anchor]?.sourceDigest = link.hash.isEmpty ? "" : prepared.digests[anchor] ?? digests[anchor] ?? ""
            }
            try await executor.recorder.record(batch)
            // The windows' requests and values are gone: their memory goes
            // back to the system while the next window is sent. Every
            // fourth window: after each, most of what went back was faulted
            // in again by the next (0.2 s of CPU in an initial sync of
            // 110,000 objects, for a peak 5 MB lower).
            windowsSinceReturn += 1
            if windowsSinceReturn == 4 {
                BackgroundRelease.returnFreedMemory()
                windowsSinceReturn = 0
            }
            links.apply(batch.links, removing: batch.unlinked)
            if !versions.isEmpty { settleVersions(prepared.window, batch) }
            report.add(batch, counted: counted)
        }

        /// The window's outcomes, its requests at most `concurrency` at once.
        func outcomes(of window: [PlannedAction]) async -> [Outcome] {
            let jobs: [@Sendable () async -> [(Int, Outcome)]] = usesBulk
                ? bulkJobs(window)
                : window.indices.map { index in { [self] in [(index, await perform(window[index]))] } }
            return await withTaskGroup(of: [(Int, Outcome)].self) { group in
                var results = [Outcome?](repeating: nil, count: window.count)
                var next = 0
                while next < min(executor.settings.concurrency, jobs.count) {
                    group.addTask(operation: jobs[next])
                    next += 1
                }
                for await finished in group {
                    for (index, outcome) in finished { results[index] = outcome }
                    if next < jobs.count {
                        group.addTask(operation: jobs[next])
                        next += 1
                    }
                }
                return results.compactMap { $0 }
            }
        }

        /// Manager references to objects created later in the same plan.
        mutating func writeDeferredReferences(into report: inout ExecutionReport) async throws {
            guard !deferred.isEmpty else { return }
            let pending = deferred
            deferred = [:]
            let actions: [PlannedAction] = pending.keys.sorted().compactMap { anchor in
                guard let entry = pending[anchor], let link = links[anchor] else { return nil }
                return .update(entry.kind, anchor, targetID: link.targetID, set: entry.fields, remove: [], hash: entry.hash)
            }
            // Part of the creates already counted, not updates of their own.
            try await apply(actions, into: &report, counted: false)
        }
    }

    /// What one action produced.
    struct Outcome: Sendable {
        var batch = OutcomeBatch()
        var stop: TargetError?
        /// An outcome may hold several actions' (a Bulk request's
        /// successes are folded into one outcome).
        var deferred: [(anchor: Anchor, kind: ObjectKind, fields: [FieldAssignment], hash: String)] = []
        /// Groups whose create carried members (`CarriedMembers`).
        var carried: [(group: Anchor, members: Run.CarriedMembers)] = []
    }
}

extension PlannedAction {
    var name: ActionName {
        switch self {
        case .create: .create
        case .link: .link
        case .update: .update
        case .deactivate: .deactivate
        case .delete: .delete
        case .unlink: .unlink
        case .addMembers: .addMembers
        case .removeMembers: .removeMembers
        }
    }

    var kind: ObjectKind {
        switch self {
        case .create(let kind, _, _, _), .link(let kind, _, _, _, _), .update(let kind, _, _, _, _, _), .delete(let kind, _, _): kind
        case .deactivate: .user
        case .addMembers, .removeMembers: .group
        case .unlink: .user
        }
    }

    var targetID: String? {
        switch self {
        case .link(_, _, let id, _, _), .update(_, _, let id, _, _, _), .deactivate(_, let id), .delete(_, _, let id): id
        default: nil
        }
    }
}
