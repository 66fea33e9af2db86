/// The catalogue as documentation: `docs/conditions.md` is this rendering,
/// written by `dsync explain --markdown > docs/conditions.md` and compared by
/// a test, so the page cannot drift from the code.
extension ConditionCatalogue {
    public static var markdown: String {
        var lines: [String] = [
            "# Conditions",
            "",
            "<!-- Generated from Sources/SyncEngine/Conditions/ConditionCatalogue.swift by",
            "     `dsync explain --markdown > docs/conditions.md`; a test keeps them equal. -->",
            "",
            "Every situation the agent recognises has a stable code, a reason and a remedy.",
            "The same text appears in `dsync explain CODE`, in the reports and in the console.",
            "Informational conditions report a success worth knowing; they are not failures.",
        ]
        for phase in Condition.Phase.allCases {
            let entries = all.filter { $0.phase == phase }
            guard !entries.isEmpty else { continue }
            lines += ["", "## \(phase.title)", "", "| code | what happened | what to do |", "|---|---|---|"]
            for entry in entries {
                let code = "`\(entry.code)`" + (entry.isInformational ? " (information)" : "")
                lines.append("| \(code) | \(cell(entry.reason)) | \(cell(entry.remedy)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One entry as `dsync explain CODE` prints it.
    public static func explanation(of condition: Condition) -> String {
        var text = "\(condition.code)"
        if condition.isInformational { text += " (information)" }
        text += "\n  when:   \(condition.phase.title.lowercased())"
        text += "\n  reason: \(condition.reason)"
        text += "\n  remedy: \(condition.remedy)"
        return text + "\n"
    }

    private static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|")
    }
}
