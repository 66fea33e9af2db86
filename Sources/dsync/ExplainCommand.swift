import ArgumentParser
import SyncEngine

/// `dsync explain CODE`: the reason and remedy of a condition, from the one
/// catalogue in `SyncEngine`.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a condition code: what happened and what to do."
    )

    @Argument(help: "A condition code, e.g. duplicate-in-source. Without one, every code is listed.")
    var code: String?

    @Flag(help: "Print the whole catalogue as Markdown (the source of docs/conditions.md).")
    var markdown = false

    func run() throws {
        if markdown {
            print(ConditionCatalogue.markdown, terminator: "")
            return
        }
        guard let code else {
            print(Self.knownCodes)
            return
        }
        guard let entry = ConditionCatalogue.entry(ConditionCode(code)) else {
            throw ValidationError("Unknown condition code \"\(code)\". Known codes:\n\(Self.knownCodes)")
        }
        print(ConditionCatalogue.explanation(of: entry), terminator: "")
    }

    private static var knownCodes: String {
        ConditionCatalogue.codes.map { "  \($0.rawValue)" }.joined(separator: "\n")
    }
}
