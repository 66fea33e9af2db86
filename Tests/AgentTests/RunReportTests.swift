import Agent
import AgentStore
import Foundation
import SCIM
import SyncEngine
import Testing

/// The report formats, without a store: table, CSV (RFC 4180), JSON, HTML.
@Suite("Run reports")
struct RunReportTests {
    static let run = RunRecord(
        id: "run-1", mode: .sync, startedAt: Date(timeIntervalSince1970: 1_700_000_000), endedAt: Date(timeIntervalSince1970: 1_700_000_060),
        outcome: "failures", actions: ["create": 2, "update": 1], conditions: ["invalid-email": 1, "plan-stale": 1])

    static let results = [
        ObjectResult(anchor: "a-1", kind: .user, action: .create, name: "ada@example.org"),
        ObjectResult(
            anchor: "a-2", kind: .user, action: .none, code: .invalidEmail, attribute: "emails", value: "x,\"y\"\nz",
            detail: "<script>alert(1)</script> & more", failed: true, name: "uid=bob,ou=People,dc=example,dc=org"),
        ObjectResult(anchor: "a-3", kind: .group, action: .update, code: .planStale, value: "v3", requestID: "req-9", detail: "changed", failed: true),
    ]

    static var report: RunReport { RunReport(run: run, results: results) }

    @Test("the table lists every result and each condition's reason and remedy")
    func table() throws {
        let text = Self.report.table()
        #expect(text.contains("run run-1 (sync)"))
        // Each object by its name; by its anchor when it has none.
        #expect(text.contains("  create        ada@example.org\n"))
        #expect(text.contains("  none          uid=bob,ou=People,dc=example,dc=org  invalid-email (emails)"))
        #expect(text.contains("  update        a-3  plan-stale"))
        // The value the directory refused; a planner's condition quotes it in its detail.
        #expect(text.contains("  update        a-3  plan-stale: changed; value: v3 [request req-9]"))
        #expect(!text.contains("; value: x,"))
        #expect(text.contains("[request req-9]"))
        let entry = try #require(ConditionCatalogue.entry(.planStale))
        #expect(text.contains("plan-stale (1): \(entry.reason) Remedy: \(entry.remedy)"))
    }

    @Test("--condition keeps only the results with that code")
    func filter() {
        let report = RunReport(run: Self.run, results: Self.results, condition: .planStale)
        #expect(report.results.map(\.anchor) == ["a-3"])
        #expect(!report.csv().contains("a-2"))
        #expect(report.json().contains("\"condition\" : \"plan-stale\""))
    }

    @Test("--conditions-only keeps the results with any condition")
    func conditionsOnly() throws {
        let report = RunReport(run: Self.run, results: Self.results, conditionsOnly: true)
        #expect(report.results.map(\.anchor) == ["a-2", "a-3"])
        #expect(report.table().contains("only results with a condition: 2"))
        #expect(report.html().contains("Only results with a condition: 2."))
        let object = try JSON(parsing: Array(report.json().utf8))
        #expect(object["conditionsOnly"]?.boolValue == true)
        #expect(object["results"]?.arrayValue?.count == 2)
    }

    @Test("CSV follows RFC 4180: CRLF, a header, quoted fields with commas, quotes and line breaks")
    func csv() {
        let text = Self.report.csv()
        let rows = text.components(separatedBy: "\r\n")
        #expect(rows.first == RunReport.csvColumns.joined(separator: ","))
        #expect(text.hasSuffix("\r\n"))
        #expect(rows[1].hasPrefix("run-1,a-1,ada@example.org,user,create,,,,,,false,,"))
        #expect(text.contains(",\"x,\"\"y\"\"\nz\","))
        #expect(rows.count == 5)  // the header, 3 rows (a quoted line break is LF, not CRLF), the empty end
    }

    @Test("JSON has the documented fields")
    func json() throws {
        let object = try JSON(parsing: Array(Self.report.json().utf8))
        #expect(object["formatVersion"]?.intValue == 1)
        #expect(object["run"]?["id"]?.stringValue == "run-1")
        #expect(object["run"]?["startedAt"]?.stringValue == "2023-11-14T22:13:20Z")
        #expect(object["run"]?["countsByAction"]?["create"]?.intValue == 2)
        #expect(object["results"]?.arrayValue?.count == 3)
        let results = try #require(object["results"]?.arrayValue)
        #expect(results[1]["condition"]?.stringValue == "invalid-email")
        #expect(results[0]["name"]?.stringValue == "ada@example.org")
        #expect(results[1]["name"]?.stringValue == "uid=bob,ou=People,dc=example,dc=org")
        #expect(results[2]["name"] == nil)
        #expect(results[2]["requestID"]?.stringValue == "req-9")
        #expect(object["conditions"]?.arrayValue?.first?["remedy"]?.stringValue == ConditionCatalogue.entry(.invalidEmail)?.remedy)
    }

    @Test("HTML is one self-contained page: inline style, no script, everything escaped")
    func html() throws {
        let page = Self.report.html()
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<style>"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("src=") && !page.contains("href="))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"))
        #expect(page.contains("x,&quot;y&quot;"))
        #expect(page.contains("<td>create</td><td class=\"n\">2</td>"))
        #expect(page.contains("<td>plan-stale</td><td class=\"n\">1</td>"))
        #expect(page.contains("<th>Name</th><th>Anchor</th>"))
        #expect(page.contains("<td>user</td><td>ada@example.org</td><td>a-1</td>"))
        let entry = try #require(ConditionCatalogue.entry(.invalidEmail))
        #expect(page.contains(RunReportTests.escaped(entry.remedy)))
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
