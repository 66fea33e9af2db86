import Connectors
import Foundation
import SyncEngine
import Testing
import TestSupport

/// The CSV source on real files in a temporary folder, and what the planner
/// makes of its reads. The stability check's pause is injected: a test
/// "writer" appends to a file between the two looks, so nothing sleeps.
@Suite("CSVSource: files, half-written files, and the planner on top")
struct CSVSourceTests {
    static func folder() throws -> String {
        try TestFolder.make("csv").path
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func source(_ path: String, settling: FileSettling = FileSettling {}, change: (inout CSVSourceConfiguration) -> Void = { _ in }) -> CSVSource {
        var csv = CSVSourceConfiguration(path: path, identifier: "employeeId")
        csv.groups = "groups"
        change(&csv)
        return CSVSource(name: "hr", configuration: csv, settling: settling)
    }

    static func upserts(_ result: SourceReadResult) -> [SourceObject] {
        result.events.compactMap { if case .upsert(let object) = $0 { object } else { nil } }
    }

    static func problems(_ result: SourceReadResult) -> [SourceReadProblem] {
        result.events.compactMap { if case .readIncomplete(let problem) = $0 { problem } else { nil } }
    }

    static let header = "employeeId,userName,email,givenName,familyName,groups\n"

    static func row(_ id: String, _ name: String, groups: String = "Staff") -> String {
        "\(id),\(name),\(name)@example.com,\(name.capitalized),Example,\(groups)\n"
    }

    static func settings(_ change: (inout PlannerSettings) -> Void = { _ in }) -> PlannerSettings {
        var settings = PlannerSettings(mapping: .csvDefaults, baseDNs: [CSVSourceConfiguration.countKey(source: "hr")])
        change(&settings)
        return settings
    }

    /// The state a successful run of `plan` leaves (creates linked, removals applied).
    static func apply(_ plan: Plan, to state: SyncState) -> SyncState {
        var state = state
        for action in plan.actions {
            switch action {
            case .create(let kind, let anchor, _, let hash):
                state.links[anchor] = Link(kind: kind, targetID: "t-\(anchor)", origin: .created, hash: hash, mappingVersion: plan.mappingVersion)
            case .deactivate(let anchor, _): state.links[anchor]?.active = false
            case .delete(_, let anchor, _): state.links[anchor] = nil
            case .addMembers(let group, let members): state.membersWritten[group, default: []].formUnion(members)
            case .removeMembers(let group, let members): state.membersWritten[group, default: []].subtract(members)
            default: break
            }
        }
        if let counts = plan.baseDNCounts { state.baseDNCounts = counts }
        return state
    }

    @Test("a folder: every .csv file, by name; hidden lock files and other files are not read")
    func folderOfFiles() async throws {
        let folder = try Self.folder()
        try Self.write(Self.header + Self.row("1", "ada") + Self.row("2", "bob"), to: folder + "/a-staff.csv")
        // UTF-8 with a byte order mark and CRLF, as spreadsheets save it.
        try Data([0xEF, 0xBB, 0xBF] + Array((Self.header + Self.row("3", "cy", groups: "Staff|Board")).replacingOccurrences(of: "\n", with: "\r\n").utf8))
            .write(to: URL(fileURLWithPath: folder + "/b-board.CSV"))
        try Self.write(Self.header + Self.row("9", "lock"), to: folder + "/.~lock.a-staff.csv#.csv")
        try Self.write("not a csv", to: folder + "/notes.txt")
        let result = try await Self.source(folder).read(after: nil)
        let objects = Self.upserts(result)
        #expect(objects.filter { $0.kind == .user }.map(\.anchor) == ["1", "2", "3"])
        #expect(objects.filter { $0.kind == .group }.map(\.anchor) == ["csv-group:staff", "csv-group:board"])
        #expect(objects.first { $0.anchor == "csv-group:staff" }?.members == ["1", "2", "3"])
        #expect(result.events.last == .snapshotComplete)
        #expect(result.counts == ["csv:hr": SourceCount(users: 3, groups: 2)])
    }

    @Test("one named file, semicolons")
    func oneFile() async throws {
        let folder = try Self.folder()
        try Self.write("employeeId;userName;email\n1;\"Ada; the first\";ada@example.com\n", to: folder + "/people.csv")
        let result = try await Self.source(folder + "/people.csv") { $0.delimiter = .semicolon; $0.groups = nil }.read(after: nil)
        #expect(Self.upserts(result).map { $0.values("userName") } == [["Ada; the first"]])
    }

    @Test("a file growing between the two looks is skipped, the read is incomplete; once still, it is read")
    func halfWritten() async throws {
        let folder = try Self.folder()
        try Self.write(Self.header + Self.row("1", "ada"), to: folder + "/a.csv")
        let growing = folder + "/b.csv"
        try Self.write(Self.header + Self.row("2", "bob"), to: growing)
        // The writer appends a row while the source waits between its looks.
        let writer = FileSettling {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: growing))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(Self.row("3", "cy").utf8))
            try handle.close()
        }
        let during = try await Self.source(folder, settling: writer).read(after: nil)
        #expect(Self.upserts(during).filter { $0.kind == .user }.map(\.anchor) == ["1"])
        #expect(!during.events.contains(.snapshotComplete))
        let problem = try #require(Self.problems(during).first)
        #expect(problem.code == .sourceReadIncomplete && problem.anchor == nil)
        #expect(problem.detail.hasPrefix("\(growing): is still being written ("))
        #expect(during.counts.isEmpty, "an incomplete read's counts are not trusted")

        let after = try await Self.source(folder).read(after: nil)
        #expect(Self.upserts(after).filter { $0.kind == .user }.map(\.anchor) == ["1", "2", "3"])
        #expect(after.events.last == .snapshotComplete)
    }

    @Test("while a file is being written, the users missing from it are not removed")
    func halfWrittenRemovesNothing() async throws {
        let folder = try Self.folder()
        let file = folder + "/people.csv"
        try Self.write(Self.header + Self.row("1", "ada") + Self.row("2", "bob"), to: file)
        let first = Planner.plan(events: try await Self.source(folder).read(after: nil).events, state: SyncState(), settings: Self.settings())
        let state = Self.apply(first, to: SyncState())
        #expect(state.links.count == 3)
        // The export is rewritten: truncated first, then written row by row.
        try Self.write(Self.header, to: file)
        let writer = FileSettling {
            try Data((Self.header + Self.row("1", "ada")).utf8).write(to: URL(fileURLWithPath: file))
        }
        let plan = Planner.plan(events: try await Self.source(folder, settling: writer).read(after: nil).events, state: state, settings: Self.settings())
        #expect(plan.sourceReadIncomplete)
        #expect(plan.actions.filter(\.isRemoval).isEmpty)
    }

    @Test("a changed identifier is a new user, and the old one leaves (removed by policy)")
    func changedIdentifier() async throws {
        let folder = try Self.folder()
        let file = folder + "/people.csv"
        try Self.write(Self.header + Self.row("1", "ada") + Self.row("2", "bob") + Self.row("3", "cy"), to: file)
        let settings = Self.settings {
            $0.policies.userLeftScope = .delete
            $0.safety.deletionLimitPercentage = 100
        }
        let first = Planner.plan(events: try await Self.source(file).read(after: nil).events, state: SyncState(), settings: settings)
        let state = Self.apply(first, to: SyncState())
        // bob's identifier was re-typed as 20.
        try Self.write(Self.header + Self.row("1", "ada") + Self.row("20", "bob") + Self.row("3", "cy"), to: file)
        let plan = Planner.plan(events: try await Self.source(file).read(after: nil).events, state: state, settings: settings)
        #expect(plan.actions.contains { if case .create(.user, "20", _, _) = $0 { true } else { false } })
        #expect(plan.actions.contains { if case .delete(.user, "2", _) = $0 { true } else { false } })
        #expect(plan.actions.contains { if case .addMembers("csv-group:staff", ["20"]) = $0 { true } else { false } })
        #expect(!plan.isBlocked)
    }

    @Test("a missing row is a user gone, through the deletion limit")
    func missingRow() async throws {
        let folder = try Self.folder()
        let file = folder + "/people.csv"
        try Self.write(Self.header + Self.row("1", "ada") + Self.row("2", "bob") + Self.row("3", "cy"), to: file)
        let first = Planner.plan(events: try await Self.source(file).read(after: nil).events, state: SyncState(), settings: Self.settings())
        let state = Self.apply(first, to: SyncState())
        try Self.write(Self.header + Self.row("1", "ada") + Self.row("3", "cy"), to: file)
        let events = try await Self.source(file).read(after: nil).events
        let plan = Planner.plan(events: events, state: state, settings: Self.settings { $0.safety.deletionLimitPercentage = 100 })
        #expect(plan.actions.contains { if case .deactivate("2", _) = $0 { true } else { false } })
        #expect(plan.actions.contains { if case .removeMembers("csv-group:staff", ["2"]) = $0 { true } else { false } })
        // With the default limits (10% of the 4 tracked objects), one deactivation is too many.
        let limited = Planner.plan(events: events, state: state, settings: Self.settings())
        #expect(limited.blockedBy?.code == .deletionLimit)
    }

    @Test("a bad row of a linked user holds it: not removed, still a member; the condition names file and line")
    func badRowHolds() async throws {
        let folder = try Self.folder()
        let file = folder + "/people.csv"
        try Self.write(Self.header + Self.row("1", "ada") + Self.row("2", "bob"), to: file)
        let settings = Self.settings { $0.safety.deletionLimitPercentage = 100 }
        let state = Self.apply(Planner.plan(events: try await Self.source(file).read(after: nil).events, state: SyncState(), settings: settings), to: SyncState())
        try Self.write(Self.header + Self.row("1", "ada") + "2,bob,bob@example.com\n", to: file)
        let plan = Planner.plan(events: try await Self.source(file).read(after: nil).events, state: state, settings: settings)
        #expect(plan.actions.isEmpty, "\(plan.actions)")
        #expect(!plan.sourceReadIncomplete)
        let condition = try #require(plan.conditions.first)
        #expect(condition.code == .sourceRowInvalid && condition.anchor == "2")
        #expect(condition.detail == "\(file), line 3: 3 fields where the header has 6")
    }

    @Test("with settleSeconds 0 there is one look and no pause")
    func noSettling() async throws {
        let folder = try Self.folder()
        try Self.write(Self.header + Self.row("1", "ada"), to: folder + "/a.csv")
        let never = FileSettling { Issue.record("paused although settleSeconds is 0") }
        let result = try await Self.source(folder, settling: never) { $0.settleSeconds = 0 }.read(after: nil)
        #expect(result.events.last == .snapshotComplete)
    }

    @Test("a missing path, a folder without .csv files, and files without rows are errors, never an empty snapshot")
    func unreadable() async throws {
        let folder = try Self.folder()
        await #expect(throws: CSVSourceError.self) { try await Self.source(folder + "/nothing.csv").read(after: nil) }
        await #expect(throws: CSVSourceError.self) { try await Self.source(folder).read(after: nil) }
        try Self.write(Self.header, to: folder + "/empty.csv")
        await #expect(throws: CSVSourceError.self) { try await Self.source(folder).read(after: nil) }
    }
}
