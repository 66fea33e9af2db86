import Agent
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TestSupport

/// `dsync run` as an operator runs it: a real `dsync` process serving a data
/// folder, a real `directoryd` process, the control socket, the lock,
/// SIGHUP with a broken and a good configuration, `dsync stop` and SIGTERM.
@Suite("The service: dsync run, status, sync, stop")
struct ServiceTests {
    /// A `dsync` command to its end: exit status and output.
    static func dsync(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await Process.output(of: DirectorydProcess.built("dsync", variable: "DSYNC_BIN"), arguments)
    }

    /// Starts `dsync run`; the process and its output file.
    static func startService(config: String, data: String, extra: [String] = []) throws -> (process: Process, log: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DirectorydProcess.built("dsync", variable: "DSYNC_BIN"))
        process.arguments = ["run", "--every", "1h", "--config", config, "--data", data] + extra
        let log = data + ".service.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return (process, log)
    }

    /// Polls the service until `condition` holds for its status.
    /// Polls the service's status until `condition` holds; a run of the
    /// sample on a loaded machine may take minutes, so the wait is long.
    static func waitForStatus(data: String, timeLimit: Duration = .seconds(300), _ condition: (ServiceStatus) -> Bool) async throws -> ServiceStatus {
        let deadline = ContinuousClock.now + timeLimit
        while ContinuousClock.now < deadline {
            if let status = try? await ControlClient.send(.status, dataFolder: data)?.status, condition(status) { return status }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ProcessFailure(message: "the service did not reach the awaited state within \(timeLimit)")
    }

    /// Waits for the process to end, and fails (killing it) instead of
    /// hanging when it does not.
    static func exit(of process: Process) async throws -> Int32 {
        try await process.exitStatus(timeLimit: .seconds(120))
    }

    @Test("runs at start with metrics on loopback, refuses a second agent naming its PID, runs on `dsync sync --full`, keeps the last good configuration on SIGHUP, stops on `dsync stop` and on SIGTERM")
    func service() async throws {
        let directory = try DirectorydProcess()
        let (_, token) = try await directory.organization(seats: 1000)
        try await directory.serve(rateLimit: 1000)
        defer { directory.stop() }
        let folder = directory.data + "/agent"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try token.write(toFile: folder + "/token", atomically: true, encoding: .utf8)
        let config = folder + "/dsync.yaml"
        let data = folder + "/dsync-data"
        let good = """
            target:
              url: \(directory.baseURL)/scim/v2
              credential: file:\(folder)/token
            \(SampleDirectory.ldifSource(contractors: false))
            """
        try good.write(toFile: config, atomically: true, encoding: .utf8)

        let (service, log) = try Self.startService(config: config, data: data, extra: ["--metrics", "127.0.0.1:0"])
        defer { if service.isRunning { service.terminate() } }
        let first = try await Self.waitForStatus(data: data) { $0.runs >= 1 && $0.state == .idle }
        #expect(first.pid == service.processIdentifier)
        #expect(first.lastRun?.countsByAction["create", default: 0] ?? 0 > 100, "\(String(describing: first.lastRun))")
        #expect(first.nextRunAt != nil)

        // Prometheus metrics of the run, on loopback.
        let address = try #require(first.metricsAddress)
        let scrape = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://\(address)/metrics"), timeout: .seconds(10))
        let metrics = String(buffer: try await scrape.body.collect(upTo: 1 << 20))
        #expect(scrape.status == .ok)
        #expect(metrics.contains("dsync_runs_total{outcome=\"\(first.lastRun?.outcome ?? "")\"} 1"), "\(metrics)")
        #expect(metrics.contains("dsync_objects_total{action=\"create\"} \(first.lastRun?.countsByAction["create"] ?? -1)"), "\(metrics)")
        #expect(metrics.contains("dsync_requests_total{kind=\"write\"}"))
        #expect(metrics.contains("dsync_run_duration_seconds"))

        // The lock: a second agent on the same data folder refuses, naming the holder.
        let second = try await Self.dsync(["run", "--every", "1h", "--config", config, "--data", data])
        #expect(second.status != 0)
        #expect(second.output.contains("dsync process \(service.processIdentifier)"), "\(second.output)")

        // `dsync status` as text.
        let status = try await Self.dsync(["status", "--config", config, "--data", data])
        #expect(status.status == 0 && status.output.contains("idle") && status.output.contains("last run"), "\(status.output)")

        // A broken file on SIGHUP: reported, the last good one stays in use.
        try "target: [".write(toFile: config, atomically: true, encoding: .utf8)
        kill(service.processIdentifier, SIGHUP)
        let broken = try await Self.waitForStatus(data: data) { $0.configurationProblem != nil }
        #expect(broken.configurationProblem?.contains("using the last configuration that loaded") == true)

        // `dsync sync --full` while the service runs: the service runs it, with the last good configuration.
        let forwarded = try await Self.dsync(["sync", "--full", "--config", config, "--data", data])
        #expect(forwarded.status == 0 && forwarded.output.contains("dsync service"), "\(forwarded.output)")
        let afterFull = try await Self.waitForStatus(data: data) { $0.runs >= 2 && $0.state == .idle }
        #expect(afterFull.lastRun?.outcome == "done" || afterFull.lastRun?.outcome == "failures", "\(String(describing: afterFull.lastRun))")
        #expect(afterFull.lastRun?.countsByAction["update", default: 0] ?? 0 > 100, "a full run writes every linked object again")

        // The good file again, then `dsync stop`.
        try good.write(toFile: config, atomically: true, encoding: .utf8)
        kill(service.processIdentifier, SIGHUP)
        _ = try await Self.waitForStatus(data: data) { $0.configurationProblem == nil }
        let stop = try await Self.dsync(["stop", "--config", config, "--data", data])
        #expect(stop.status == 0, "\(stop.output)")
        #expect(try await Self.exit(of: service) == 0, "\((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        #expect(!FileManager.default.fileExists(atPath: AgentService.socketPath(dataFolder: data)))
        let notRunning = try await Self.dsync(["status", "--config", config, "--data", data])
        #expect(notRunning.status == 3 && notRunning.output.contains("not running"))

        // SIGTERM ends it as well, and the lock is free again.
        let (again, _) = try Self.startService(config: config, data: data)
        _ = try await Self.waitForStatus(data: data) { $0.runs >= 1 }
        again.terminate()
        #expect(try await Self.exit(of: again) == 0)
        let plan = try await Self.dsync(["plan", "--config", config, "--data", data])
        #expect(plan.status == 0, "the lock is released: \(plan.output)")
    }
}
