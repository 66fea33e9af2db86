import Agent
import Foundation
import SyncEngine
import Testing

/// The message's text from a run's facts: no I/O.
@Suite("The notification message")
struct RunNotificationTests {
    static let start = Date(timeIntervalSince1970: 1_751_364_000)
    static let context = RunNotification.Context(host: "agent.example.org", configurationPath: "/etc/dsync/dsync.yaml", dataFolder: "/var/lib/dsync", listFailed: 2)

    @Test("a clean run gives no event; failed objects, a blocked plan, an unreadable source each give theirs")
    func events() {
        let clean = RunNotice(runID: "r1", startedAt: Self.start, endedAt: Self.start, outcome: "done")
        #expect(clean.events.isEmpty)
        var failed = clean
        failed.failedCount = 3
        #expect(failed.events == [.objectsFailed])
        #expect(RunNotification.subject(failed) == "dsync: run r1 failed — 3 objects failed")
        var blocked = clean
        blocked.outcome = "blocked"
        blocked.blockedBy = ConditionRecord(.deletionLimit, detail: "60 removals, more than the limit of 50")
        #expect(blocked.events == [.deletionLimit])
        #expect(RunNotification.subject(blocked) == "dsync: run r1 blocked — the deletion limit stopped it, nothing was written")
        var unreadable = failed
        unreadable.sourceFailures = [("corp", .dcUnavailable, "corp: no server answered")]
        #expect(unreadable.events == [.runFailed, .objectsFailed])
        #expect(RunNotification.subject(unreadable) == "dsync: run r1 failed — source corp could not be read, 3 objects failed")
        let error = RunNotice(error: "the target cannot be reached: connection refused", startedAt: Self.start, endedAt: Self.start)
        #expect(error.events == [.runFailed])
        #expect(RunNotification.subject(error) == "dsync: a run failed — the target cannot be reached: connection refused")
    }

    @Test("the body: counts, each condition's reason and remedy, the first failed objects, the report command")
    func body() throws {
        var notice = RunNotice(runID: "r7", startedAt: Self.start, endedAt: Self.start.addingTimeInterval(61), outcome: "failures")
        notice.countsByAction = ["create": 5]
        notice.countsByCondition = ["invalid-email": 2, "already-exists": 1, "too-long": 1]
        notice.failed = [
            ObjectResult(
                anchor: "a1", kind: .user, action: .none, code: .invalidEmail, attribute: "emails", detail: "no address",
                name: "uid=kim,ou=People,dc=example,dc=org"),
            ObjectResult(anchor: "a2", kind: .user, action: .none, code: .invalidEmail, attribute: "emails", detail: "not an address"),
            ObjectResult(anchor: "a3", kind: .user, action: .none, code: .tooLong, attribute: "office", detail: "70 characters"),
        ]
        notice.failedCount = 3
        let body = RunNotification.body(notice, context: Self.context)
        #expect(body.hasPrefix("Run r7 of dsync on agent.example.org: 3 objects failed.\n"))
        #expect(body.contains("Started:        2025-07-01T10:00:00Z\nEnded:          2025-07-01T10:01:01Z"))
        #expect(body.contains("Done, by action:\n  create  5\n"))
        #expect(body.contains("Conditions:\n  already-exists  1\n  invalid-email   2\n  too-long        1\n"))
        let invalid = try #require(ConditionCatalogue.entry(.invalidEmail))
        #expect(body.contains("invalid-email (2)\n  Reason: \(invalid.reason)\n  Remedy: \(invalid.remedy)"))
        // Informational conditions need no remedy.
        #expect(!body.contains("already-exists (1)"))
        #expect(body.contains("Failed objects (the first 2 of 3 results):\n  user uid=kim,ou=People,dc=example,dc=org: invalid-email (emails) — no address\n  user a2: invalid-email (emails) — not an address\n\n"))
        #expect(body.contains("dsync report r7 --config /etc/dsync/dsync.yaml --data /var/lib/dsync"))
    }
}
