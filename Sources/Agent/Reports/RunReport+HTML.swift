import AgentStore
import Foundation
import SyncEngine

extension RunReport {
    /// A single self-contained page: inline CSS, no script, nothing loaded
    /// from elsewhere; every value from the run is escaped.
    public func html() -> String {
        let e = Self.escaped
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>dsync run \(e(run.id))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <h1>Run \(e(run.id))</h1>
            <p class="meta">\(e(run.mode.rawValue)) · started \(e(Self.instant(run.startedAt))) · ended \(e(Self.instant(run.endedAt))) · outcome <strong>\(e(run.outcome ?? "unfinished"))</strong></p>

            """
        page += "<section><h2>By action</h2>\n" + countsTable(actionCounts.map { ($0.action, $0.count) }, heading: "Action") + "</section>\n"
        let runConditions = run.countsByCondition.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        page += "<section><h2>By condition</h2>\n" + countsTable(runConditions, heading: "Condition") + "</section>\n"
        page += "<section><h2>Objects</h2>\n"
        if let condition {
            page += "<p>Only results with <code>\(e(condition.rawValue))</code>: \(results.count).</p>\n"
        } else if conditionsOnly {
            page += "<p>Only results with a condition: \(results.count).</p>\n"
        }
        if results.isEmpty {
            page += "<p>No object has an action or a condition.</p>\n"
        } else {
            page += "<table>\n<thead><tr><th>Action</th><th>Kind</th><th>Name</th><th>Anchor</th><th>Condition</th><th>Attribute</th><th>Value</th><th>Detail</th><th>Reason</th><th>Remedy</th><th>Request</th></tr></thead>\n<tbody>\n"
            for result in results {
                let entry = result.code.map(Self.entry)
                page += "<tr class=\"\(result.failed ? "failed" : "ok")\">"
                page += [
                    Self.name(result.action), result.kind?.rawValue ?? "", result.name ?? "", result.anchor.rawValue, result.code?.rawValue ?? "",
                    result.attribute ?? "", result.value ?? "", result.detail ?? "", entry?.reason ?? "", entry?.remedy ?? "",
                    result.requestID ?? "",
                ].map { "<td>\(e($0))</td>" }.joined()
                page += "</tr>\n"
            }
            page += "</tbody>\n</table>\n"
        }
        page += "</section>\n"
        let counts = conditionCounts
        if !counts.isEmpty {
            page += "<section><h2>Conditions</h2>\n<dl>\n"
            for (code, count) in counts {
                let entry = Self.entry(code)
                page += "<dt><code>\(e(code.rawValue))</code> (\(count))</dt><dd>\(e(entry.reason)) <em>Remedy:</em> \(e(entry.remedy))</dd>\n"
            }
            page += "</dl>\n</section>\n"
        }
        page += "</body>\n</html>\n"
        return page
    }

    private func countsTable(_ rows: [(String, Int)], heading: String) -> String {
        guard !rows.isEmpty else { return "<p>None.</p>\n" }
        var table = "<table class=\"counts\">\n<thead><tr><th>\(heading)</th><th>Count</th></tr></thead>\n<tbody>\n"
        for (name, count) in rows { table += "<tr><td>\(Self.escaped(name))</td><td class=\"n\">\(count)</td></tr>\n" }
        return table + "</tbody>\n</table>\n"
    }

    /// Text as HTML content or an attribute value (`&`, `<`, `>`, `"`, `'`).
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d1d1f}
        h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
        .meta{color:#555}
        table{border-collapse:collapse;margin:.5em 0}
        th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
        th{background:#f2f2f2}
        td.n{text-align:right}
        tr.failed td{background:#fdecea}
        code{font-family:ui-monospace,monospace}
        dt{margin-top:.5em;font-weight:600}
        """
}
