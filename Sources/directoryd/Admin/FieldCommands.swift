public import ArgumentParser
import DirectoryServer
public import SCIM

/// `directoryd admin field add|edit|delete`: the organization's custom fields.
struct FieldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "field",
        abstract: "Custom user fields: add, edit, delete.",
        subcommands: [FieldAddCommand.self, FieldEditCommand.self, FieldDeleteCommand.self]
    )
}

extension FieldRule.Kind: ExpressibleByArgument {}

/// What defines a field, shared by add and edit.
struct FieldDefinitionOptions: ParsableArguments {
    @Option(help: "text, email, phone, url, number, date or pickList.")
    var kind: FieldRule.Kind = .text

    @Option(name: .customLong("max-length"), help: "The longest value, in Unicode code points.")
    var maxLength: Int?

    @Flag(help: "Every user must have a value.")
    var required = false

    @Option(help: "For a pickList: the allowed values, comma-separated.")
    var values: String?

    func validate() throws {
        if let maxLength, maxLength < 1 { throw ValidationError("--max-length must be at least 1.") }
        if kind == .pickList, (values ?? "").isEmpty { throw ValidationError("A pickList field needs --values.") }
    }

    func rule(named name: String) -> FieldRule {
        FieldRule(
            name: name, kind: kind, maxLength: maxLength, required: required,
            canonicalValues: values.map { $0.split(separator: ",").map { String($0) } } ?? []
        )
    }
}

struct FieldTarget: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The organization's id.")
    var org: String

    @Option(help: "The field's name, as it appears in the SCIM schema extension.")
    var name: String

    func validate() throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }),
              name.first?.isLetter == true
        else { throw ValidationError("--name must start with a letter and hold only letters, digits, '_' and '-' (RFC 7643 §2.1).") }
    }

    func openChecked() async throws -> any DirectoryStore {
        let directory = try await store.openStore()
        guard try await directory.organization(id: org) != nil else { throw ValidationError("No organization \(org) in \(store.location).") }
        return directory
    }

    func report(_ action: String, _ rule: FieldRule?) {
        if output.json {
            var json: JSON = ["name": .string(name), "action": .string(action)]
            if let rule { json["schemaAttribute"] = rule.schemaAttribute }
            print(json.serializedString())
        } else {
            print("\(action) field \(name)")
        }
    }
}

struct FieldAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a custom field.")
    @OptionGroup var target: FieldTarget
    @OptionGroup var definition: FieldDefinitionOptions

    func run() async throws {
        let rule = definition.rule(named: target.name)
        do { try await target.openChecked().addField(rule, organizationID: target.org) } catch let error as DirectoryError {
            throw ValidationError(error.description)
        }
        target.report("added", rule)
    }
}

struct FieldEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a custom field's kind, length, required flag or values.")
    @OptionGroup var target: FieldTarget
    @OptionGroup var definition: FieldDefinitionOptions

    func run() async throws {
        let rule = definition.rule(named: target.name)
        guard try await target.openChecked().updateField(rule, organizationID: target.org) else {
            throw ValidationError("The organization has no field \(target.name).")
        }
        target.report("edited", rule)
    }
}

struct FieldDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a custom field; writing it is refused from then on.")
    @OptionGroup var target: FieldTarget

    func run() async throws {
        guard try await target.openChecked().deleteField(target.name, organizationID: target.org) else {
            throw ValidationError("The organization has no field \(target.name).")
        }
        target.report("deleted", nil)
    }
}
