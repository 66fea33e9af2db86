import Agent
import Foundation
import Logging
import Testing
import TestSupport

/// The run log: redaction, rotation, the size cap.
@Suite("Run logs")
struct RunLogTests {
    static func folder() -> String {
        TestFolder.path("runlog").path
    }

    @Test("known secrets and bearer tokens are masked")
    func redaction() {
        let redaction = LogRedaction(secrets: ["s3cret-Password", "abc", "tok_123456"])
        #expect(redaction.redact("bind with s3cret-Password failed") == "bind with <redacted> failed")
        #expect(redaction.redact("Authorization: Bearer xyz.123, next") == "Authorization: Bearer <redacted>, next")
        #expect(redaction.redact("token tok_123456") == "token <redacted>")
        // Too short to be searched for: it would mask ordinary words.
        #expect(redaction.redact("abc") == "abc")
    }

    @Test("the oldest files beyond keep go; names sort by time")
    func rotation() {
        let names = ["20250101T000000Z-a.log", "20250103T000000Z-c.log", "20250102T000000Z-b.log", "notes.txt"]
        #expect(LogRotation.expired(names, keep: 2) == ["20250102T000000Z-b.log", "20250101T000000Z-a.log"])
        #expect(LogRotation.expired(names, keep: 10).isEmpty)
        #expect(LogRotation.stamp(year: 2025, month: 1, day: 31, hour: 9, minute: 5, second: 0) == "20250131T090500Z")
    }

    @Test("a file per run, named after it, secrets masked, at most keep files, cut at the size limit")
    func files() throws {
        let folder = Self.folder()
        let log = RunLog(folder: folder, keep: 2, maxFileBytes: 2048, secrets: ["hunter2-password"])
        log.addSecret("the-bearer-token")
        let logger = Logger(label: "dsync") { RunLogHandler(label: $0, log: log, level: .info) }
        for (index, date) in [1_700_000_000, 1_700_000_100, 1_700_000_200].enumerated() {
            try log.begin(at: Date(timeIntervalSince1970: TimeInterval(date)))
            log.name(runID: "run-\(index)")
            logger.info("bind hunter2-password", metadata: ["token": "the-bearer-token"])
            logger.debug("not written at info")
            log.end()
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["20231114T221500Z-run-1.log", "20231114T221640Z-run-2.log"])
        let text = try String(contentsOfFile: folder + "/" + names[1], encoding: .utf8)
        #expect(text.contains("info dsync: bind <redacted> token=<redacted>"))
        #expect(!text.contains("hunter2") && !text.contains("the-bearer-token") && !text.contains("not written"))

        try log.begin(at: Date(timeIntervalSince1970: 1_700_000_300))
        for _ in 0..<100 { logger.info("a line of about forty bytes or so") }
        log.end()
        let newest = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().last ?? ""
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + newest)
        #expect((attributes[.size] as? Int ?? 0) <= 2048 + 200)
        #expect(try String(contentsOfFile: folder + "/" + newest, encoding: .utf8).contains("reached its limit"))
    }
}
